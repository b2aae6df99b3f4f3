// Turns measured from outside, as Teams sends them: signed Bot Framework tokens checked against a
// loopback OpenID issuer, replies sent with a bearer token from a loopback login server, the app
// hosted as the scenario runner hosts it (local runtime, local Durable engine, Azurite, loopback
// connector) and, beside it, a bare botbuilder echo bot on the same adapter, bridge and runtime
// (bench/support/echo-bot.ts). Each is in its own process; autocannon drives them from this one,
// 10 connections, app and echo alternated, medians of 3 rounds. Reports rows; asserts nothing.
//
// Needs loopback sockets: run it inside the loopback-only namespace, as scripts/run-tests.mjs does.
// BENCH_CPU_PROFILE=<folder> profiles the app's process; BENCH_HOST_OUTPUT=1 shows its log lines.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { z } from 'zod';
import { machine, ratioOf, reportRows, round, type BenchRow } from './report';
import { postLoad, type LoadResult } from './support/load';
import type { HostAnswer, HostRequest } from './support/turn-host';
import { startLoopbackEntra, type LoopbackEntra } from '../test/support/loopback-entra';
import {
  executeActivity,
  messageActivity,
  personalChat,
  submitActivity,
  type Chat,
} from '../test/support/playground-activity';
import { alex, megan, playgroundTenant } from '../test/support/playground-people';
import { startFormAnswers } from '../test/support/start-form-answers';
import { createTestCertificates } from '../test/support/test-certificates';
import { loopbackBotAuthEnvironment } from '../test/support/bot-auth-environment';

const root = path.resolve(__dirname, '..');
const connections = 10;
const rounds = 3;
/** Requests per round for help, status and clicks; pastes per round. */
const turnsPerRound = 100;
const pastesPerRound = 20;
const pastesBefore = 300;
const pasteBytes = 20 * 1024;

const APP_ID = 'c0ffee00-0000-4000-8000-000000000024';
const APP_PASSWORD = 'loopback-client-secret';
const APP_TENANT = 'bench-tenant';
const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'bench-key-1';

/**
 * BENCH_CPU_PROFILE=<folder> writes a CPU profile of the app's process there (node --cpu-prof),
 * to see where its turns spend their time.
 */
function profiling(kind: 'app' | 'echo'): string[] {
  const folder = process.env.BENCH_CPU_PROFILE;
  return kind === 'app' && folder !== undefined && folder !== ''
    ? ['--cpu-prof', `--cpu-prof-dir=${folder}`]
    : [];
}

/** A side of the comparison running in its own process. */
class Host {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (answer: HostAnswer) => void>();
  #next = 0;
  origin = '';
  serviceUrl = '';
  token = '';

  constructor(kind: 'app' | 'echo', env: NodeJS.ProcessEnv) {
    this.#child = fork(path.join(__dirname, 'support', 'turn-host.ts'), [kind], {
      execArgv: ['--import', 'tsx', ...profiling(kind)],
      env,
      // The bot's JSON log lines stay out of the table; errors still show.
      stdio: [
        'ignore',
        process.env.BENCH_HOST_OUTPUT === '1' ? 'inherit' : 'ignore',
        'inherit',
        'ipc',
      ],
    });
    this.#child.on('message', (message: HostAnswer) => {
      this.#waiting.get(message.id)?.(message);
      this.#waiting.delete(message.id);
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#child.once('exit', (code) => {
        reject(new Error(`a turn host exited with ${String(code)}`));
      });
      const onReady = (message: { ready?: { origin: string; serviceUrl: string } }): void => {
        if (message.ready === undefined) return;
        this.origin = message.ready.origin;
        this.serviceUrl = message.ready.serviceUrl;
        this.#child.off('message', onReady);
        resolve();
      };
      this.#child.on('message', onReady);
    });
  }

  async ask(request: Omit<HostRequest, 'id'>): Promise<HostAnswer> {
    const id = (this.#next += 1);
    const answer = await new Promise<HostAnswer>((resolve) => {
      this.#waiting.set(id, resolve);
      this.#child.send({ ...request, id });
    });
    if (answer.error !== undefined) throw new Error(`turn host: ${answer.error}`);
    return answer;
  }

  /** Posts one activity with the channel's token and waits for all it caused. */
  async post(activity: Readonly<Record<string, unknown>>): Promise<HostAnswer> {
    const answer = await this.ask({
      kind: 'post',
      activity,
      authorization: `Bearer ${this.token}`,
    } as Omit<HostRequest, 'id'>);
    if (answer.status !== 200) {
      throw new Error(`the ${activity.type as string} activity got ${String(answer.status)}`);
    }
    return answer;
  }

  /** autocannon against the messaging endpoint with this activity, each request a new one. */
  async load(activity: Readonly<Record<string, unknown>>, amount: number): Promise<LoadResult> {
    const result = await postLoad({
      url: `${this.origin}/api/messages`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      bodyOf: () => JSON.stringify(asNew(activity)),
      amount,
      connections,
    });
    // The app's orchestrations may still be working on what the load caused: not into the next.
    await this.ask({ kind: 'settle' });
    await this.ask({ kind: 'forget' });
    return result;
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    await this.ask({ kind: 'close' });
    await exited;
  }
}

const sentSchema = z.object({ body: z.string() });

/** Every Action.Execute and Action.Submit the bot sent, with their data. */
function actionsIn(
  sent: readonly unknown[],
): { title: string; verb: string; data: Record<string, unknown> }[] {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (
      (record.type === 'Action.Execute' || record.type === 'Action.Submit') &&
      typeof record.data === 'object' &&
      record.data !== null
    ) {
      const data = record.data as Record<string, unknown>;
      found.push({
        title: typeof record.title === 'string' ? record.title : '',
        verb: typeof record.verb === 'string' ? record.verb : String(data.verb),
        data,
      });
    }
    Object.values(record).forEach(visit);
  };
  for (const call of sent) visit(JSON.parse(sentSchema.parse(call).body));
  return found;
}

function textOf(sent: readonly unknown[]): string {
  return sent.map((call) => sentSchema.parse(call).body).join('\n');
}

let activityCounter = 0;
const firstStamp = Date.now();

/**
 * The activity as a new one: its own id and timestamp. Teams stamps each message to the
 * millisecond, and the bot takes the same stamp, sender and text as a message delivered again.
 */
function asNew(activity: Readonly<Record<string, unknown>>): Record<string, unknown> {
  activityCounter += 1;
  const at = new Date(firstStamp + activityCounter).toISOString();
  return {
    ...activity,
    id: `bench-activity-${String(activityCounter)}`,
    timestamp: at,
    localTimestamp: at.replace('Z', '+00:00'),
  };
}

/** A real noisy output, as pasted from the old server, repeated to 20 KB. */
function pasteText(): string {
  const output = readFileSync(
    path.join(root, 'test/fixtures/real/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt'),
    'utf8',
  );
  let text = 'ComputerName : AADC01\n';
  while (text.length < pasteBytes) text += `${output}\n`;
  return text.slice(0, pasteBytes);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Compared {
  app: { p50: number; p99: number; perSecond: number };
  echo: { p50: number; p99: number; perSecond: number };
  failed: number;
}

/** Rounds of app then echo; medians of each figure. */
async function compare(
  app: Host,
  echo: Host,
  appActivity: () => Readonly<Record<string, unknown>>,
  echoActivity: () => Readonly<Record<string, unknown>>,
  amount: number,
): Promise<Compared> {
  const appRuns: LoadResult[] = [];
  const echoRuns: LoadResult[] = [];
  for (let run = 0; run < rounds; run += 1) {
    appRuns.push(await app.load(appActivity(), amount));
    echoRuns.push(await echo.load(echoActivity(), amount));
  }
  const summary = (runs: LoadResult[]) => ({
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    perSecond: round(median(runs.map((r) => r.perSecond)), 0),
  });
  return {
    app: summary(appRuns),
    echo: summary(echoRuns),
    failed: [...appRuns, ...echoRuns].reduce((sum, r) => sum + r.failed, 0),
  };
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-turns-'));
  const certificates = createTestCertificates(workDir);
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const channel: LoopbackEntra = await startLoopbackEntra({
    tenant: 'channel',
    issuer: ISSUER,
    signingKeys: [{ ...jwk, kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }],
  });
  const login: LoopbackEntra = await startLoopbackEntra({
    tenant: APP_TENANT,
    app: { clientId: APP_ID, clientSecret: APP_PASSWORD, accessToken: 'bench-outbound-token' },
    tls: certificates.tls,
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...loopbackBotAuthEnvironment({
      caPath: certificates.caPath,
      app: { id: APP_ID, password: APP_PASSWORD, tenant: APP_TENANT },
      allowedTenants: playgroundTenant,
      channel,
      issuer: ISSUER,
      loginAuthority: login.authority,
    }),
  };
  const app = new Host('app', env);
  const echo = new Host('echo', env);
  try {
    await Promise.all([app.ready(), echo.ready()]);
    const now = Math.floor(Date.now() / 1000);
    // One token per side for the whole run, as the channel reuses a token until it expires.
    const sign = (serviceUrl: string): Promise<string> =>
      new SignJWT({ iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setNotBefore(now - 60)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
    app.token = await sign(app.serviceUrl);
    echo.token = await sign(echo.serviceUrl);

    const chat: Chat = personalChat(alex);
    const say = (host: Host, text: string) =>
      asNew(messageActivity(chat, host.serviceUrl, '', text));

    // The app: a migration started and waiting at its first checkpoint.
    const form = await app.post(say(app, 'start migration'));
    const migrationId = actionsIn(form.sent ?? []).find((a) => 'migrationId' in a.data)?.data
      .migrationId;
    if (typeof migrationId !== 'string') throw new Error('no start form with a migration id');
    const started = await app.post(
      asNew(
        submitActivity(chat, app.serviceUrl, '', {
          verb: 'migration.start',
          migrationId,
          ...startFormAnswers,
          approvers: megan.id,
        }),
      ),
    );
    if (!textOf(started.sent ?? []).includes(`Migration ${migrationId} started`)) {
      throw new Error('the migration did not start');
    }
    const status = await app.post(say(app, 'status'));
    const refresh = actionsIn(status.sent ?? []).find((a) => a.verb === 'status.refresh');
    if (refresh === undefined) throw new Error('the status card has no Refresh button');
    await echo.post(say(echo, 'hello'));

    const click = (host: Host) =>
      asNew(executeActivity(chat, host.serviceUrl, '', { ...refresh, title: 'Refresh' }));
    const paste = pasteText();
    // The paste is taken at the checkpoint, which still waits for evidence after judging it.
    let lastAnswer = '';
    const taken = async (): Promise<boolean> => {
      const answer = await app.post(say(app, paste));
      lastAnswer = `${String(answer.status)} ${String(answer.sent?.length)} ${String(answer.body)} ${textOf(answer.sent ?? []).slice(0, 2000)}`;
      return lastAnswer.includes('Checking it now');
    };
    for (let check = 0; check < 2; check += 1) {
      if (!(await taken())) {
        throw new Error(`the paste was not taken at the first checkpoint: ${lastAnswer}`);
      }
    }

    const help = await compare(
      app,
      echo,
      () => say(app, 'help'),
      () => say(echo, 'help'),
      turnsPerRound,
    );
    const statusTurns = await compare(
      app,
      echo,
      () => say(app, 'status'),
      () => say(echo, 'status'),
      turnsPerRound,
    );
    const clicks = await compare(
      app,
      echo,
      () => click(app),
      () => click(echo),
      turnsPerRound,
    );
    const fresh = await compare(
      app,
      echo,
      () => say(app, paste),
      () => say(echo, paste),
      pastesPerRound,
    );
    // Up to 300 pastes into the same checkpoint, then the same measure again.
    const pumped = pastesBefore - rounds * pastesPerRound;
    await app.load(say(app, paste), pumped);
    const later = await compare(
      app,
      echo,
      () => say(app, paste),
      () => say(echo, paste),
      pastesPerRound,
    );

    const stillTaken = await taken();
    reportRows(rowsOf({ help, statusTurns, clicks, fresh, later, stillTaken }));
  } finally {
    await Promise.allSettled([app.close(), echo.close()]);
    await Promise.allSettled([channel.close(), login.close()]);
    rmSync(workDir, { recursive: true, force: true });
  }
}

function rowsOf(figures: {
  help: Compared;
  statusTurns: Compared;
  clicks: Compared;
  fresh: Compared;
  later: Compared;
  /** Whether a paste after all of them was still taken at the same checkpoint. */
  stillTaken: boolean;
}): BenchRow[] {
  const { help, statusTurns, clicks, fresh, later, stillTaken } = figures;
  const floorIs =
    'a bare botbuilder echo bot on the same CloudAdapter, HTTP bridge, authentication and local runtime (bench/support/echo-bot.ts), same run';
  const detail = (c: Compared): Record<string, number> => ({
    'p50 ms': c.app.p50,
    'p99 ms': c.app.p99,
    'echo p50 ms': c.echo.p50,
    'echo p99 ms': c.echo.p99,
    'req/s': c.app.perSecond,
    'echo req/s': c.echo.perSecond,
    'non-2xx or errors': c.failed,
  });
  const helpRatio = ratioOf(help.app.p99, help.echo.p99);
  const statusRatio = ratioOf(statusTurns.app.p99, statusTurns.echo.p99);
  const clickRatio = ratioOf(clicks.app.p99, clicks.echo.p99);
  const freshRatio = ratioOf(fresh.app.p50, fresh.echo.p50);
  const growth = ratioOf(later.app.p50, fresh.app.p50);
  return [
    {
      id: 'turn-help',
      what: `\`help\` in a personal chat, signed as Teams signs it, 10 connections, p99 (the turn ends when the reply is sent)`,
      value: help.app.p99,
      unit: 'ms',
      floor: help.echo.p99,
      floorIs,
      ratio: helpRatio,
      goal: '<= 1.5x at p99',
      met: helpRatio <= 1.5 && help.failed === 0,
      detail: detail(help),
      ...(helpRatio <= 1.5
        ? {}
        : {
            note: 'beyond the echo, each message turn claims its id in the redelivery ledger and stores the conversation references (4 to 5 Azurite round trips) before the help card is sent; storing a reference only when it changed would meet it',
          }),
    },
    {
      id: 'turn-status',
      what: '`status` with a migration running, 10 connections, p99 (the status card read from storage and sent)',
      value: statusTurns.app.p99,
      unit: 'ms',
      floor: statusTurns.echo.p99,
      floorIs,
      ratio: statusRatio,
      goal: '<= 2x at p99',
      met: statusRatio <= 2 && statusTurns.failed === 0,
      detail: detail(statusTurns),
      ...(statusRatio <= 2
        ? {}
        : {
            note: 'beyond the echo, status reads the active slot, the registry entry and two durable statuses besides the redelivery ledger and conversation references; fewer storage round trips per turn would meet it',
          }),
    },
    {
      id: 'turn-paste',
      what: `a 20 KB paste of a real output (the old server's Get-ADSyncGlobalSettings, repeated) at the first checkpoint, 10 connections, p50, fresh and after ${String(pastesBefore)} pastes into the same checkpoint; the turn stores the text, raises the evidence event to the checkpoint's orchestration and answers "Checking it now": it does not wait for the judgement, which the orchestration runs in the same process meanwhile (settled between rounds)`,
      value: fresh.app.p50,
      unit: 'ms',
      floor: fresh.echo.p50,
      floorIs,
      ratio: freshRatio,
      goal: '<= 3x fresh; after 300 pastes within 1.2x of fresh',
      met: freshRatio <= 3 && growth <= 1.2 && fresh.failed + later.failed === 0 && stillTaken,
      detail: {
        ...detail(fresh),
        'after 300 p50 ms': later.app.p50,
        'after 300 p99 ms': later.app.p99,
        'after 300 / fresh': growth,
        'after 300 non-2xx or errors': later.failed,
        'still taken at the same checkpoint after': stillTaken ? 'yes' : 'no',
      },
      ...(freshRatio <= 3 && growth <= 1.2
        ? {}
        : {
            note:
              growth > 1.2
                ? 'every paste grows the checkpoint orchestration history, which each episode replays; continuing the waiting loop as new bounds it'
                : 'beyond the echo, a paste stores the text as a blob and reads two durable statuses before raising the event, and the orchestration judges it in the same process meanwhile',
          }),
    },
    {
      id: 'card-click',
      what: 'an Action.Execute Refresh on the status card, 10 connections, p99 (the turn ends with the invoke answer)',
      value: clicks.app.p99,
      unit: 'ms',
      floor: clicks.echo.p99,
      floorIs: `${floorIs}, answering an invoke`,
      ratio: clickRatio,
      goal: '<= 3x and < 300 ms absolute at p99',
      met: clickRatio <= 3 && clicks.app.p99 < 300 && clicks.failed === 0,
      detail: detail(clicks),
      ...(clickRatio <= 3 && clicks.app.p99 < 300
        ? {}
        : {
            note: 'a Refresh stores the conversation references and reads the registry entry and two durable statuses before answering, where the echo answers from memory; 300 ms absolute also needs a machine not shared with other work (the echo alone is near it here)',
          }),
    },
  ];
}

console.error(`turns on ${machine().cpu}, ${String(machine().cores)} cores`);
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
