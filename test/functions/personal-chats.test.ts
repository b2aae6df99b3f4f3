import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runWithTestCa } from '../support/child-with-test-ca';
import { createTestCertificates } from '../support/test-certificates';

// An approver's personal chat is reached as Teams and Graph allow: Teams opens a chat only with
// someone the app is installed for, and never by sign-in name; Graph says who a sign-in name is
// (User.ReadBasic.All) and lets the app install itself for someone
// (TeamsAppInstallation.ReadWriteSelfForUser.All). Everything runs for real on loopback: the
// production adapter against the Teams connector stand-in, MSAL against a loopback authority,
// Graph over https, in a child process that trusts the test CA.

const outputSchema = z.object({
  results: z.record(
    z.string(),
    z.object({
      reach: z.looseObject({ kind: z.string() }),
      connector: z.array(z.string()),
      graph: z.array(z.string()),
    }),
  ),
  stored: z.boolean(),
  logs: z.array(z.string()),
});

let workDir: string;
let output: z.infer<typeof outputSchema>;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'personal-chats-test-'));
  const certificates = createTestCertificates(workDir);
  const stdout = await runWithTestCa(
    join(__dirname, 'support', 'personal-chat-main.ts'),
    certificates,
  );
  output = outputSchema.parse(JSON.parse(stdout));
}, 120_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function result(name: string) {
  const found = output.results[name];
  if (found === undefined) throw new Error(`no result for ${name}`);
  return found;
}

describe("reaching an approver's personal chat", () => {
  it('finds a sign-in name through Graph, installs the app for them, and opens their chat', () => {
    const megan = result('sign-in name, no app, installed through Graph');
    expect(megan.reach).toEqual({
      kind: 'reached',
      conversation: expect.objectContaining({ id: 'personal-29:megan' }) as unknown,
    });
    // Not in Alex's personal chat's roster; Graph names her; Teams refuses, the app is installed,
    // and the chat opens.
    expect(megan.connector).toEqual([
      'get-member 404',
      'create-conversation 403',
      'create-conversation 201',
    ]);
    expect(megan.graph).toEqual([
      'GET /v1.0/users/megan.bowen%40contoso.example',
      'POST /v1.0/users/0a0a0a0a-0000-4000-8000-000000000002/teamwork/installedApps',
    ]);
    // Kept under her object id too, where her own messages and later sends look.
    expect(output.stored).toBe(true);
  });

  it('asks nobody again once the chat is known', () => {
    const again = result('the same sign-in name again');
    expect(again.reach.kind).toBe('reached');
    expect(again.connector).toEqual([]);
    expect(again.graph).toEqual([]);
  });

  it('opens the chat of someone who has the app at once, without Graph', () => {
    const adele = result('object id, app installed');
    expect(adele.reach.kind).toBe('reached');
    expect(adele.connector).toEqual(['create-conversation 201']);
    expect(adele.graph).toEqual([]);
  });

  it('says nobody has a sign-in name neither Teams nor Graph knows', () => {
    const nobody = result('sign-in name nobody has');
    expect(nobody.reach).toEqual({ kind: 'unreachable', problem: 'unknown-person' });
    expect(nobody.connector).toEqual(['get-member 404']);
  });

  it('says the app is not installed when Graph does not grant the installation', () => {
    const lee = result('object id, no app, installation not granted');
    expect(lee.reach).toEqual({ kind: 'unreachable', problem: 'not-installed' });
    expect(lee.connector).toEqual(['create-conversation 403']);
    expect(lee.graph).toEqual([
      'POST /v1.0/users/0a0a0a0a-0000-4000-8000-000000000004/teamwork/installedApps',
    ]);
    expect(output.logs.join('\n')).toMatch(/Graph could not install the app for an approver/);
  });

  it('treats a sign-in name Graph may not look up as unknown, and says why in the log', () => {
    const denied = result('sign-in name, lookup not granted');
    expect(denied.reach).toEqual({ kind: 'unreachable', problem: 'unknown-person' });
    expect(output.logs.join('\n')).toMatch(/Graph could not look up a sign-in name/);
  });

  it('writes no secret or token into its logs', () => {
    const logs = output.logs.join('\n');
    expect(logs).not.toContain('graph-secret');
    expect(logs).not.toContain('graph-loopback-access-token');
  });
});
