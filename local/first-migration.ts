// The outputs a newcomer's first local migration pastes and uploads, step by step: the same real
// (or faithfully shaped) outputs the acceptance scenario uses, written by `npm start` into
// `.local/first-migration/` ready to paste, each starting with the line the cards' first command
// prints (`ComputerName : <server>`). The README's "Your first migration locally" and the browser
// test walk this list.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The servers of the first migration, as its start form names them. */
export const firstMigrationServers = {
  old: 'AADC01',
  new: 'AADC-NEW01.contoso.com',
} as const;

/** What `ComputerName : $env:COMPUTERNAME` prints on each server. */
const computerNames = { old: 'AADC01', new: 'AADC-NEW01' } as const;

/** One output of the walk: a file to paste into the chat, or to upload with `npm run upload`. */
export interface WalkFile {
  /** Its name in `.local/first-migration/`. */
  readonly name: string;
  /** The repository file it comes from. */
  readonly source: string;
  /** Text pasted as run on that server; JSON documents are uploaded as they are. */
  readonly how: { readonly paste: 'old' | 'new' } | 'upload';
  /** Sets the output's times relative to now, where an old date would be judged stale. */
  readonly edit?: (text: string, now: Date) => string;
}

/** A step of the walk: the card it answers and the files that answer it, in order. */
export interface WalkStep {
  readonly card: string;
  readonly files: readonly WalkFile[];
  /** The button the step's result card needs, when a warning has to be accepted. */
  readonly thenClick?: string;
}

const real = 'test/fixtures/real';
const evidence = 'test/scenarios/evidence';
const synthetic = 'test/fixtures/synthetic';

const oldServerSettings: WalkFile = {
  name: '01-old-server-global-settings.txt',
  source: `${real}/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt`,
  how: { paste: 'old' },
};

/** Get-ADSyncScheduler output with NextSyncCycleStartTimeInUTC at `at`, printed as en-US does. */
export function withNextSyncCycleAt(output: string, at: Date): string {
  const hours = at.getUTCHours();
  const two = (n: number): string => String(n).padStart(2, '0');
  const printed = `${String(at.getUTCMonth() + 1)}/${String(at.getUTCDate())}/${String(at.getUTCFullYear())} ${String(hours % 12 || 12)}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  const edited = output.replace(/^(NextSyncCycleStartTimeInUTC\s*: ).*$/m, `$1${printed}`);
  if (edited === output) throw new Error('no NextSyncCycleStartTimeInUTC line to set');
  return edited;
}

/** Before the cutover approval: the old server prepared, the new one built in staging mode. */
export const walkToApproval: readonly WalkStep[] = [
  {
    card: 'Record the version of the current server',
    files: [oldServerSettings],
    // 2.2.1.0 is retired: a warning the owner accepts.
    thenClick: 'Continue anyway',
  },
  { card: 'Capture the current server settings', files: [oldServerSettings] },
  {
    card: 'Confirm the user sign-in settings',
    files: [
      {
        name: '02-sign-in-answers.json',
        source: `${evidence}/sign-in-answers.json`,
        how: 'upload',
      },
    ],
  },
  {
    card: 'Export the current configuration',
    files: [
      {
        name: '03-Exported-SynchronizationPolicy.json',
        source: `${synthetic}/Exported-SynchronizationPolicy-synthetic-old.json`,
        how: 'upload',
      },
    ],
  },
  {
    card: 'Check the new server operating system',
    files: [
      {
        name: '04-new-server-os.txt',
        source: `${evidence}/new-server-os.txt`,
        how: { paste: 'new' },
      },
    ],
  },
  {
    card: 'Enforce TLS 1.2 on the new server',
    files: [
      {
        name: '05-new-server-tls12.txt',
        source: `${real}/04b-tls12-check-real-outputs-not-configured-and-configured.txt`,
        how: { paste: 'new' },
      },
    ],
  },
  {
    card: 'Install Entra Connect V2 in staging mode',
    files: [
      {
        name: '06-new-server-version.txt',
        source: `${evidence}/new-server-version.txt`,
        how: { paste: 'new' },
      },
      {
        name: '07-new-server-connector-credential.txt',
        source: `${evidence}/new-server-entra-connector-credential.txt`,
        how: { paste: 'new' },
      },
      {
        name: '08-new-server-scheduler-staging.txt',
        source: `${real}/01b-get-adsyncscheduler-staging-ON.txt`,
        how: { paste: 'new' },
      },
    ],
  },
  {
    card: 'Compare the new configuration with the export',
    files: [
      {
        name: '09-Applied-SynchronizationPolicy.json',
        source: `${synthetic}/Applied-SynchronizationPolicy-synthetic-new-matching.json`,
        how: 'upload',
      },
    ],
  },
  {
    card: 'Verify a full sync on the staging server',
    files: [
      {
        name: '10-staging-initial-sync.txt',
        source: `${evidence}/staging-initial-sync.txt`,
        how: { paste: 'new' },
      },
      {
        name: '11-staging-run-status.txt',
        source: `${evidence}/staging-run-status-idle.txt`,
        how: { paste: 'new' },
      },
      {
        name: '12-staging-pending-exports.txt',
        source: `${evidence}/staging-pending-exports.txt`,
        how: { paste: 'new' },
      },
    ],
  },
];

/** After the approval: the old server to staging first, then the new one made active. */
export const walkToMonitoring: readonly WalkStep[] = [
  {
    card: 'Put the old server in staging mode first',
    files: [
      {
        name: '13-old-server-scheduler-staging.txt',
        source: `${real}/01b-get-adsyncscheduler-staging-ON.txt`,
        how: { paste: 'old' },
      },
    ],
  },
  {
    card: 'Make the new server active',
    files: [
      {
        name: '14-new-server-deletion-threshold.txt',
        source: `${real}/12k-get-adsyncexportdeletionthreshold-default.txt`,
        how: { paste: 'new' },
      },
      {
        name: '15-new-server-scheduler-active.txt',
        source: `${evidence}/new-server-active-scheduler.txt`,
        how: { paste: 'new' },
        // Run just now: the next sync cycle is due shortly (a date days old is judged stale).
        edit: (text, now) => withNextSyncCycleAt(text, new Date(now.getTime() + 30 * 60_000)),
      },
      {
        name: '16-new-server-first-export.txt',
        source: `${evidence}/new-server-first-export.txt`,
        how: { paste: 'new' },
      },
    ],
  },
];

/** Every file of the walk once, in the order they are first used. */
export function walkFiles(): WalkFile[] {
  const seen = new Map<string, WalkFile>();
  for (const step of [...walkToApproval, ...walkToMonitoring]) {
    for (const file of step.files) if (!seen.has(file.name)) seen.set(file.name, file);
  }
  return [...seen.values()];
}

/** A file's content as the walk pastes or uploads it. */
export async function walkFileContent(root: string, file: WalkFile, now: Date): Promise<string> {
  const source = await readFile(path.join(root, file.source), 'utf8');
  const edited = file.edit === undefined ? source : file.edit(source, now);
  if (file.how === 'upload') return edited;
  return `ComputerName : ${computerNames[file.how.paste]}\n${edited}`;
}

/** Writes every file of the walk into `folder` (replacing what was there); returns the folder. */
export async function writeWalkFiles(root: string, folder: string, now: Date): Promise<string> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  for (const file of walkFiles()) {
    await writeFile(path.join(folder, file.name), await walkFileContent(root, file, now));
  }
  return folder;
}
