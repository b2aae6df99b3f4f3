import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHostError, startAppHost } from '../../local/app-host';
import { startFileServer } from '../../local/scenario/file-server';
import { simulate } from '../../local/scenario/simulate';
import { fileActivity } from '../../local/scenario/teams-activities';
import { projectRoot, runSimulateCli } from '../scenarios/simulate-cli';
import { alex } from '../support/playground-people';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'scenario-simulate-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scenarioFile(name: string, source: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, source);
  return file;
}

function capture(): { lines: string[]; write: (text: string) => void } {
  const lines: string[] = [];
  return { lines, write: (text) => lines.push(text) };
}

describe('npm run simulate', () => {
  it('exits 2 with the problems on stderr and prints nothing else for an unusable file', async () => {
    const file = await scenarioFile(
      'bad.yaml',
      'name: Bad\nstart: 2026-11-18T14:30:00Z\nsteps:\n  - say: help\n  - advance: soon\n  - click: { title: Refresh }\n',
    );
    const run = await runSimulateCli([file, '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('bad.yaml is not a usable scenario:');
    expect(run.stderr).toContain('line 5: step 2 (advance): by: "soon" is not a duration');
    expect(run.stderr).toContain('line 6: step 3 (click): Unrecognized key: "title"');
  });

  it('exits 2 on an engine it does not know, saying which it knows', async () => {
    const run = await runSimulateCli(['test/scenarios/happy-path.yaml', '--engine', 'fast']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--engine takes local or real, not "fast"');
    expect(run.stderr).toContain(
      'usage: npm run simulate -- <scenario.yaml> [--quiet] [--engine local|real]',
    );
  });

  it('stops the real engine before it starts when libfaketime is missing, naming the set-up command', async () => {
    const run = await runSimulateCli(['test/scenarios/first-checkpoint.yaml', '--engine=real'], {
      LIBFAKETIME_PATH: '/nonexistent/libfaketimeMT.so.1',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Real Durable engine; the shared clock starts');
    expect(run.stderr).toContain("Debian's libfaketime, which is not installed");
    expect(run.stderr).toContain('npm run setup:real-durable');
    // Said as it is, not as a stack trace.
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on a failing expectation, with the reason and the items before it, and stops there', async () => {
    const file = await scenarioFile(
      'failing.yaml',
      `name: Failing
start: 2026-11-18T14:30:00Z
steps:
  - say: help
  - expect: { card: Entra Connect migration assistant }
  - say: status
  - expect:
      card: Migration status
  - say: list
`,
    );
    const out = capture();
    const err = capture();
    const code = await simulate(file, {
      root: projectRoot,
      quiet: false,
      out: out.write,
      err: err.write,
    });
    const text = out.lines.join('\n');
    expect(code).toBe(1);
    expect(err.lines).toEqual([]);
    const [transcript = '', failure = ''] = text.split('\nFAILED  ');
    expect(transcript).toContain('✓ expect a card containing "Entra Connect migration assistant"');
    expect(transcript).toContain('bot → Alex Wilber: No migration has been started');
    expect(transcript).toContain('✗ expect a card containing "Migration status"');
    expect(failure).toMatch(/^Failing at step 4 \(expect, .*failing\.yaml:7\):/);
    expect(failure).toContain('none of what was sent by step 3 (say) matches:');
    expect(failure).toContain('- text "No migration has been started');
    expect(failure).toContain('The last items before it:');
    expect(failure).toContain('Alex Wilber: status');
    // The step after the failure never ran.
    expect(text).not.toContain('Alex Wilber: list');
  });

  it('hosts the app once per process, since the app keeps its settings and clients per process', async () => {
    await expect(startAppHost({ root: projectRoot, start: new Date() })).rejects.toThrow(
      AppHostError,
    );
  });
});

describe('uploads', () => {
  it('serves an uploaded file where its file.download.info attachment points, and records the download', async () => {
    let now = new Date('2026-11-18T14:30:00Z');
    const files = await startFileServer(() => now);
    try {
      const content = Buffer.from('{"version":"2.5.79.0"}');
      const downloadUrl = files.offer('export policy.json', content);
      const activity = fileActivity(
        {
          user: alex,
          place: { kind: 'personal', user: alex },
          conversationId: `personal-${alex.id}`,
          serviceUrl: 'http://127.0.0.1:1/_connector',
          at: now,
          id: 'a-1',
        },
        { name: 'export policy.json', downloadUrl, uniqueId: 'u-1' },
      );
      expect(activity).toMatchObject({
        type: 'message',
        text: '',
        from: { id: alex.id, aadObjectId: alex.aadObjectId },
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'export policy.json',
            content: { downloadUrl, uniqueId: 'u-1', fileType: 'json', etag: '1' },
          },
        ],
      });
      expect(new URL(downloadUrl).hostname).toBe('127.0.0.1');
      now = new Date('2026-11-18T14:31:00Z');
      const response = await fetch(downloadUrl);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
      expect(files.downloads).toMatchObject([{ name: 'export policy.json', at: now }]);
      expect((await fetch(new URL('/download/9/other.json', downloadUrl))).status).toBe(404);
    } finally {
      await files.close();
    }
  });
});
