// Many migrations at once on the local Durable engine: each in its own tenant and personal chat, as
// the bot holds them, started with the form, its first evidence pasted and judged, then a week of
// reminders on the virtual clock. Each size runs in its own process (the app host is once per
// process): one migration alone (the floor), 100 and 500. Counts every message the loopback
// connector received against what the lone migration was sent, and reports CPU per migration (this
// process and Azurite's), wall time, RSS and heap peaks. Asserts nothing.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { startAppHost, type AppHost, type ConnectorCall } from '../local/app-host';
import { fillInputs } from '../local/scenario/card-inputs';
import { cardButtons, cardLines } from '../local/scenario/card-reading';
import type { Place } from '../local/scenario/scenario-file';
import {
  messageActivity,
  submitActivity,
  type ActivityContext,
} from '../local/scenario/teams-activities';
import type { TeamsUser } from '../local/scenario/playground-identities';
import { personalChatIdOf } from '../local/scenario/playground-identities';
import { ratioOf, reportRows, round } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const evidence = readFileSync(
  new URL(
    '../test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt',
    import.meta.url,
  ),
  'utf8',
);
// Monday 23 Nov 2026, 09:00 in Berlin: inside working hours, a week ahead.
const start = new Date('2026-11-23T08:00:00Z');
const week = 7 * 24 * 3600_000;
/** Turns posted at once: a burst, as many admins working at the same time would make. */
const concurrentTurns = 16;
const resultMarker = '@@scale-result ';
/**
 * Sizes run by default, each in its own process, the floor alternated with the others: one alone,
 * then 20 and 100 at once (the goal's 100 and 500 take 8 minutes or more on 2 shared cores).
 */
const defaultSizes = '1,20,1,100,1';
const superLinearNote =
  "What grows: Azurite's in-memory blob metadata (LokiJS) looks a blob up by scanning every blob of the account on each Put Blob, and the local engine saves an instance's record on every event and episode; with 3 blobs per migration each save costs more the more migrations there are; and a run longer than 10 minutes also pays Azurite's collection of every blob version written. Azure's blob service does neither; an instance store whose writes do not scan (or fewer saves per episode: timers and activity results are no longer saved on arrival) would meet it locally.";

/** What one process measured for one size. */
interface SizeResult {
  migrations: number;
  /** CPU ms of this process and Azurite's, per phase. */
  checkpointCpuMs: number;
  reminderCpuMs: number;
  /** Of those, Azurite's. */
  checkpointStorageCpuMs: number;
  reminderStorageCpuMs: number;
  checkpointWallMs: number;
  reminderWallMs: number;
  /** Message signatures each migration received, in order (one list per migration). */
  received: string[][];
  rssPeakMb: number;
  heapPeakMb: number;
  /** Heap still in use after a full collection once the week is over. */
  retainedHeapMb: number;
}

// ---- one size, in this process ----

interface Migration {
  readonly index: number;
  readonly admin: TeamsUser;
  readonly approver: TeamsUser;
  readonly chat: string;
}

function migrationsOf(count: number): Migration[] {
  return Array.from({ length: count }, (_, index) => {
    const tenant = `tenant-${String(index).padStart(4, '0')}`;
    const person = (role: string, n: number): TeamsUser => ({
      name: `${role} ${String(index)}`,
      id: `user-${String(index)}-${role.toLowerCase()}`,
      aadObjectId: `00000000-0000-4000-8000-${String(index * 2 + n).padStart(12, '0')}`,
      tenant,
    });
    const admin = person('Admin', 0);
    return { index, admin, approver: person('Approver', 1), chat: personalChatIdOf(admin.id) };
  });
}

/** CPU ms used so far by a process, read from /proc (utime + stime). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  // USER_HZ is 100 on Linux.
  return ticks * 10;
}

/** This process's children (Azurite): their CPU counts as the app's storage cost. */
function childPids(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${String(process.pid)}/task`)) {
    const text = readFileSync(`/proc/${String(process.pid)}/task/${task}/children`, 'utf8').trim();
    if (text !== '') pids.push(...text.split(' ').map(Number));
  }
  return pids;
}

/** CPU ms so far of this process (the app, its runtime and the connector) and of its children. */
function cpuMs(children: readonly number[]): { app: number; storage: number } {
  const own = process.cpuUsage();
  return {
    app: (own.user + own.system) / 1000,
    storage: children.reduce((sum, pid) => sum + processCpuMs(pid), 0),
  };
}

/** What a connector call was, as a migration's admin or approver would see it. */
function signatureOf(call: ConnectorCall): string | undefined {
  const activity = call.activity;
  if (activity?.type === 'typing' || call.operation === 'get-member') return undefined;
  if (call.operation === 'create-conversation') return 'create-conversation';
  const card = activity?.attachments?.find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  const title = card === undefined ? undefined : cardLines(card.content).find((l) => l.trim());
  // Migration ids differ from one migration to the next; the message is the same.
  const text = activity?.text
    ?.split('\n')[0]
    ?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu, '<id>')
    .slice(0, 60);
  return `${call.operation}${call.refusedWith === undefined ? '' : ` ${call.refusedWith}`}: ${title ?? text ?? ''}`;
}

async function inWaves<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let at = 0; at < items.length; at += concurrentTurns) {
    await Promise.all(items.slice(at, at + concurrentTurns).map(work));
  }
}

async function runSize(count: number): Promise<SizeResult> {
  const migrations = migrationsOf(count);
  const host: AppHost = await startAppHost({
    root,
    start,
    directory: {
      people: migrations.flatMap((m) =>
        [m.admin, m.approver].map((user) => ({
          name: user.name,
          teamsId: user.id,
          aadObjectId: user.aadObjectId,
          tenant: user.tenant,
          appInstalled: true,
        })),
      ),
    },
  });
  let heapPeak = 0;
  const sample = (): void => {
    heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
  };
  const sampler = setInterval(sample, 100);
  try {
    const children = childPids();
    let activityCount = 0;
    const context = (m: Migration): ActivityContext => {
      activityCount++;
      const place: Place = { kind: 'personal', user: m.admin };
      return {
        user: m.admin,
        place,
        conversationId: m.chat,
        serviceUrl: host.serviceUrl,
        at: new Date(host.clock.now().getTime() + activityCount),
        id: `bench-activity-${String(activityCount)}`,
      };
    };
    const post = async (activity: Record<string, unknown>): Promise<void> => {
      const response = await host.post(activity);
      const body = await response.text();
      if (!response.ok) throw new Error(`HTTP ${String(response.status)}: ${body.slice(0, 300)}`);
    };
    /** The newest card with a submit button in each chat: the start form each admin fills in. */
    const startForms = (): Map<string, { activityId: string; card: unknown }> => {
      const forms = new Map<string, { activityId: string; card: unknown }>();
      for (const call of host.connector.requests) {
        const card = call.activity?.attachments?.find((a) =>
          cardButtons(a.content).some((b) => b.type === 'Action.Submit'),
        );
        if (
          card !== undefined &&
          call.conversationId !== undefined &&
          call.activityId !== undefined
        )
          forms.set(call.conversationId, { activityId: call.activityId, card: card.content });
      }
      return forms;
    };

    globalThis.gc?.();
    const cpu0 = cpuMs(children);
    const wall0 = performance.now();
    await inWaves(migrations, (m) => post(messageActivity(context(m), 'start migration')));
    const forms = startForms();
    await inWaves(migrations, async (m) => {
      const form = forms.get(m.chat);
      if (form === undefined) throw new Error(`migration ${String(m.index)} got no start form`);
      const button = cardButtons(form.card).find((b) => b.type === 'Action.Submit');
      if (button === undefined) throw new Error('the start form has no submit button');
      const filled = fillInputs(button.inputs, {
        oldServer: 'AADC01',
        newServer: 'AADC-NEW01.contoso.com',
        approvers: m.approver.id,
        timeZone: 'Europe/Berlin',
        workStart: '08:00',
        workEnd: '17:00',
      });
      if (!filled.ok) throw new Error(`the start form refused: ${filled.problems.join('; ')}`);
      const data = {
        ...(typeof button.data === 'object' && button.data !== null ? button.data : {}),
        ...filled.values,
      };
      await post(submitActivity(context(m), form.activityId, data));
    });
    await inWaves(migrations, (m) => post(messageActivity(context(m), evidence)));
    await host.runtime.settle();
    const cpu1 = cpuMs(children);
    const wall1 = performance.now();
    sample();
    await host.advance(week);
    const cpu2 = cpuMs(children);
    const wall2 = performance.now();
    sample();

    globalThis.gc?.();
    const retainedHeap = process.memoryUsage().heapUsed;
    const byConversation = new Map<string, string[]>();
    for (const call of host.connector.requests) {
      const signature = signatureOf(call);
      if (signature === undefined || call.conversationId === undefined) continue;
      const list = byConversation.get(call.conversationId) ?? [];
      list.push(signature);
      byConversation.set(call.conversationId, list);
    }
    const approverChats = new Set(migrations.map((m) => personalChatIdOf(m.approver.id)));
    const strays = [...byConversation.keys()].filter(
      (id) => !migrations.some((m) => m.chat === id) && !approverChats.has(id),
    );
    if (strays.length > 0) throw new Error(`messages went to unknown chats: ${strays.join(', ')}`);
    return {
      migrations: count,
      checkpointCpuMs: cpu1.app + cpu1.storage - cpu0.app - cpu0.storage,
      reminderCpuMs: cpu2.app + cpu2.storage - cpu1.app - cpu1.storage,
      checkpointStorageCpuMs: cpu1.storage - cpu0.storage,
      reminderStorageCpuMs: cpu2.storage - cpu1.storage,
      checkpointWallMs: wall1 - wall0,
      reminderWallMs: wall2 - wall1,
      received: migrations.map((m) => [
        ...(byConversation.get(m.chat) ?? []),
        ...(byConversation.get(personalChatIdOf(m.approver.id)) ?? []).map((s) => `approver ${s}`),
      ]),
      rssPeakMb: process.resourceUsage().maxRSS / 1024,
      heapPeakMb: heapPeak / 1e6,
      retainedHeapMb: retainedHeap / 1e6,
    };
  } finally {
    clearInterval(sampler);
    await host.close();
  }
}

// ---- the benchmark: each size in its own process ----

function runInChild(count: number): Promise<SizeResult> {
  return new Promise((resolve, reject) => {
    const args = [
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      `--migrations=${String(count)}`,
    ];
    // npm run bench runs every benchmark loopback-only (scripts/bench.mjs); the child stays inside.
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: SizeResult | undefined;
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(resultMarker))
          result = JSON.parse(line.slice(resultMarker.length)) as SizeResult;
        else if (line !== '') console.log(line);
      }
    });
    child.on('close', (code) => {
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`${String(count)} migrations: the run failed (exit ${String(code)})`));
    });
  });
}

/** Messages missing or repeated, against what the lone migration received. */
function countDifferences(
  expected: readonly string[],
  results: readonly SizeResult[],
): { lost: number; duplicated: number; expectedTotal: number; receivedTotal: number } {
  let lost = 0;
  let duplicated = 0;
  let expectedTotal = 0;
  let receivedTotal = 0;
  const tally = (list: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const s of list) counts.set(s, (counts.get(s) ?? 0) + 1);
    return counts;
  };
  const want = tally(expected);
  for (const result of results) {
    for (const received of result.received) {
      expectedTotal += expected.length;
      receivedTotal += received.length;
      const got = tally(received);
      for (const key of new Set([...want.keys(), ...got.keys()])) {
        const difference = (got.get(key) ?? 0) - (want.get(key) ?? 0);
        if (difference > 0) duplicated += difference;
        else lost -= difference;
      }
    }
  }
  return { lost, duplicated, expectedTotal, receivedTotal };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const sizeArgument = process.argv.find((arg) => arg.startsWith('--migrations='));
if (sizeArgument !== undefined) {
  void runSize(Number(sizeArgument.slice('--migrations='.length))).then((result) => {
    process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`);
    process.exit(0);
  });
} else {
  void measure();
}

async function measure(): Promise<void> {
  const sizes = (process.env.SCALE_SIZES ?? defaultSizes).split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !sizes.includes(1)) {
    throw new Error(
      `SCALE_SIZES must be whole numbers of migrations, 1 among them: ${sizes.join(',')}`,
    );
  }
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const result = await runInChild(size);
    const each = (ms: number): string => String(round(ms / size, 1));
    console.log(
      `${String(size)} migrations: first checkpoint ${each(result.checkpointCpuMs)} ms CPU each (Azurite ${each(result.checkpointStorageCpuMs)}; ${String(round(result.checkpointWallMs / 1000, 1))} s wall), week of reminders ${each(result.reminderCpuMs)} ms CPU each (Azurite ${each(result.reminderStorageCpuMs)}; ${String(round(result.reminderWallMs / 1000, 1))} s wall); RSS peak ${String(round(result.rssPeakMb, 0))} MB, heap peak ${String(round(result.heapPeakMb, 0))} MB, retained ${String(round(result.retainedHeapMb, 0))} MB`,
    );
    results.push(result);
  }

  const at = (size: number): SizeResult[] => results.filter((r) => r.migrations === size);
  const [first] = at(1);
  if (first === undefined) throw new Error('the floor (one migration alone) did not run');
  const expected = first.received[0] ?? [];
  console.log(
    `each migration should receive ${String(expected.length)} messages (as the one alone did):\n  ${expected.join('\n  ')}`,
  );
  const cost = (r: SizeResult): number => (r.checkpointCpuMs + r.reminderCpuMs) / r.migrations;
  const reminderCost = (r: SizeResult): number => r.reminderCpuMs / r.migrations;
  const many = [...new Set(sizes.filter((size) => size > 1))].sort((a, b) => a - b);
  const largest = many[many.length - 1] ?? 1;
  const smaller = many.length > 1 ? (many[0] ?? 1) : 1;
  const aloneCost = median(at(1).map(cost));
  const smallerCost = median(at(smaller).map(cost));
  const largestCost = median(at(largest).map(cost));
  const messages = countDifferences(expected, results);
  const ratio = ratioOf(largestCost, smallerCost);
  const largestRun = at(largest)[0] ?? first;
  const perMigration = (size: number, measure: (r: SizeResult) => number): number =>
    round(median(at(size).map(measure)), 1);
  const reachedGoalSize = largest >= 500 && smaller === 100;
  reportRows([
    {
      id: 'scale-500',
      what: `${String(largest)} concurrent migrations, each in its own tenant, through their first checkpoint (started with the form, first evidence judged) and a week of reminders on the local Durable engine with Azurite: CPU per migration (the app's process and Azurite's) against ${String(smaller)} at once`,
      value: round(largestCost, 1),
      unit: 'ms CPU/migration',
      floor: round(smallerCost, 1),
      floorIs: `the same with ${String(smaller)} migrations at once, in the same run; one alone costs ${String(round(aloneCost, 1))} ms`,
      ratio,
      goal: '0 lost, 0 duplicated, cost per migration at 500 within 1.2x of 100, memory reported',
      met: reachedGoalSize && messages.lost === 0 && messages.duplicated === 0 && ratio <= 1.2,
      detail: {
        lost: messages.lost,
        duplicated: messages.duplicated,
        messagesExpected: messages.expectedTotal,
        messagesReceived: messages.receivedTotal,
        [`ratio${String(smaller)}ToAlone`]: ratioOf(smallerCost, aloneCost),
        [`reminderMsAt${String(smaller)}`]: perMigration(smaller, reminderCost),
        [`reminderMsAt${String(largest)}`]: perMigration(largest, reminderCost),
        [`azuriteMsAt${String(smaller)}`]: perMigration(
          smaller,
          (r) => (r.checkpointStorageCpuMs + r.reminderStorageCpuMs) / r.migrations,
        ),
        [`azuriteMsAt${String(largest)}`]: perMigration(
          largest,
          (r) => (r.checkpointStorageCpuMs + r.reminderStorageCpuMs) / r.migrations,
        ),
        [`wallSecondsAt${String(largest)}`]: round(
          (largestRun.checkpointWallMs + largestRun.reminderWallMs) / 1000,
          1,
        ),
        [`rssPeakMbAt${String(largest)}`]: round(largestRun.rssPeakMb, 0),
        [`heapPeakMbAt${String(largest)}`]: round(largestRun.heapPeakMb, 0),
        [`heapRetainedMbAt${String(largest)}`]: round(largestRun.retainedHeapMb, 0),
        rssPeakMbAlone: round(first.rssPeakMb, 0),
      },
      ...(reachedGoalSize
        ? ratio <= 1.2
          ? {}
          : { note: superLinearNote }
        : {
            note: `Measured at ${String(smaller)} and ${String(largest)} migrations, not 100 and 500: a migration costs about 1 s of CPU through its first checkpoint and week, so 500 take 8 minutes or more on 2 shared cores, past this benchmark's time. SCALE_SIZES=1,100,500 npm run bench -- scale measures the goal's sizes. ${superLinearNote}`,
          }),
    },
  ]);
}
