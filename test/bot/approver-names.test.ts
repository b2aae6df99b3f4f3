import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runWithTestCa } from '../support/child-with-test-ca';
import { createTestCertificates } from '../support/test-certificates';

// Approvers picked in a personal chat arrive as object ids only, and the bot has never seen them:
// with Microsoft Graph configured (User.ReadBasic.All), their names come from the directory. The
// app runs as npm start runs it, against Graph and a token endpoint on loopback https, in a child
// process that trusts the test CA.

const outputSchema = z.object({
  approvers: z.array(z.object({ id: z.string(), name: z.string().optional() })).nullable(),
  graph: z.array(z.string()),
});

let workDir: string;
let output: z.infer<typeof outputSchema>;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'approver-names-test-'));
  const certificates = createTestCertificates(workDir);
  const stdout = await runWithTestCa(
    join(__dirname, 'support', 'approver-names-main.ts'),
    certificates,
  );
  output = outputSchema.parse(JSON.parse(stdout));
}, 120_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('approvers picked by object id', () => {
  it('are named from the directory, and kept by id where it does not know them', () => {
    expect(output.approvers).toEqual([
      { id: '0a0a0a0a-0000-4000-8000-000000000002', name: 'Megan Bowen' },
      { id: '0a0a0a0a-0000-4000-8000-0000000000ff' },
    ]);
    expect([...output.graph].sort()).toEqual([
      'GET /v1.0/users/0a0a0a0a-0000-4000-8000-000000000002',
      'GET /v1.0/users/0a0a0a0a-0000-4000-8000-0000000000ff',
    ]);
  });
});
