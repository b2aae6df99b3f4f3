// Cold start: a fresh Node process to the first answered /api/messages, an authenticated `help` as
// Teams sends it, from the built entry files of the deployment zip (npm run package:functions,
// unpacked), against the same for a bare echo bot built the same way (bench/support/echo-bot.ts);
// and the zip's size against a zip of @azure/functions, botbuilder and durable-functions alone,
// installed and zipped as the app's package is. App and floor alternate; medians. Reports, asserts
// nothing.
//
// Everything the processes talk to is on loopback: the Bot Framework channel's OpenID keys and the
// app tenant's login (https, with a test CA) for the real JWT and MSAL paths, the Teams connector
// the replies go to, and Azurite for the app's tables.
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { unzipSync } from 'fflate';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { appEntryFiles } from '../local/app-entry';
import { startAzurite } from '../local/azurite';
import { RealClock } from '../local/clock';
import { quietLogger } from '../local/runtime-logger';
import { connectorPrefix, startTeamsConnector } from '../local/teams-connector';
import { bundleEntryFiles } from '../scripts/build-functions';
import { packageDependencies, packageFunctions } from '../scripts/package-functions.mjs';
import { startLoopbackEntra } from '../test/support/loopback-entra';
import { messageActivity, personalChat } from '../test/support/playground-activity';
import { alex, playgroundTenant } from '../test/support/playground-people';
import { createTestCertificates } from '../test/support/test-certificates';
import type { ColdStartReport } from './support/cold-start-host';
import { percentiles, ratioOf, reportRows, round } from './report';
import { loopbackBotAuthEnvironment } from '../test/support/bot-auth-environment';

const rounds = 5;
const goal = 1.2;
const frameworkPackages = ['@azure/functions', 'botbuilder', 'durable-functions'];

const APP_ID = 'c0ffee00-0000-4000-8000-000000000002';
const APP_PASSWORD = 'loopback-client-secret';
const APP_TENANT = 'bench-tenant';
const ISSUER = 'https://api.botframework.com';
const KEY_ID = 'bench-key-1';

const projectRoot = path.resolve(__dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'cold-start-bench-'));

function megabytes(bytes: number): number {
  return round(bytes / 1048576, 2);
}

function median(values: readonly number[]): number {
  return percentiles(values).p50;
}

/** Unpacks a zip into a folder, as the Functions host's deployment does. */
function unpack(zip: string, folder: string): void {
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    if (name.endsWith('/')) continue;
    const target = path.join(folder, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}

async function main(): Promise<void> {
  // The deployment zip, and the framework's three packages zipped the same way.
  const appZip = packageFunctions(path.join(work, 'functions.zip'), projectRoot, {
    typeCheck: false,
  });
  const frameworkZip = packageDependencies(frameworkPackages, path.join(work, 'framework.zip'));
  const zipBytes = statSync(appZip.zip).size;
  const frameworkBytes = statSync(frameworkZip.zip).size;

  // The app as deployed; the echo bot bundled the same way, in a copy of the same package.
  const appRoot = path.join(work, 'app');
  unpack(appZip.zip, appRoot);
  const echoRoot = path.join(work, 'echo');
  for (const item of ['host.json', 'package.json', 'node_modules']) {
    cpSync(path.join(appRoot, item), path.join(echoRoot, item), { recursive: true });
  }
  const appEntries = appEntryFiles(appRoot, { built: true });
  const [appBundle] = appEntries;
  if (appBundle === undefined || appEntries.length !== 1) {
    throw new Error(`the package has ${String(appEntries.length)} entry files, not one bundle`);
  }
  const echoBundle = await bundleEntryFiles({
    entries: [path.join(projectRoot, 'bench', 'support', 'echo-bot.ts')],
    outfile: path.join(echoRoot, path.relative(appRoot, appBundle)),
    sourceMap: 'external',
  });
  const echoEntries = appEntryFiles(echoRoot, { built: true });
  const host = await bundleEntryFiles({
    entries: [path.join(projectRoot, 'bench', 'support', 'cold-start-host.ts')],
    outfile: path.join(work, 'host', 'cold-start-host.js'),
    sourceMap: 'external',
  });

  // The channel that signs activities, the tenant the bot logs in to, the connector, storage.
  mkdirSync(path.join(work, 'certificates'));
  const certificates = createTestCertificates(path.join(work, 'certificates'));
  const { privateKey: signingKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
  });
  const channel = await startLoopbackEntra({
    tenant: 'channel',
    issuer: ISSUER,
    signingKeys: [
      {
        ...(await exportJWK(publicKey)),
        kid: KEY_ID,
        use: 'sig',
        alg: 'RS256',
        endorsements: ['msteams'],
      },
    ],
  });
  const login = await startLoopbackEntra({
    tenant: APP_TENANT,
    app: { clientId: APP_ID, clientSecret: APP_PASSWORD, accessToken: 'bench-outbound-token' },
    tls: certificates.tls,
  });
  const connector = await startTeamsConnector(new RealClock());
  const serviceUrl = `${connector.origin}${connectorPrefix}`;
  const azurite = await startAzurite({
    location: path.join(work, 'azurite'),
    inMemory: true,
    logger: quietLogger,
  });
  // Only what Azure would set: no variable of this process reaches the app.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...loopbackBotAuthEnvironment({
      caPath: certificates.caPath,
      app: { id: APP_ID, password: APP_PASSWORD, tenant: APP_TENANT },
      allowedTenants: playgroundTenant,
      channel,
      issuer: ISSUER,
      loginAuthority: login.authority,
    }),
  };

  const chat = personalChat(alex);
  connector.know(chat.conversationId);
  let activities = 0;

  async function signedHelp(): Promise<{ authorization: string; body: string }> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(APP_ID)
      .setNotBefore(now - 60)
      .setExpirationTime(now + 3600)
      .sign(signingKey);
    activities += 1;
    // A new stamp each time: the app takes the same stamp and text again as a re-delivery.
    const activity = {
      ...messageActivity(chat, serviceUrl, `cold-${String(activities)}`, 'help'),
      timestamp: new Date(Date.now() + activities).toISOString(),
    };
    return { authorization: `Bearer ${token}`, body: JSON.stringify(activity) };
  }

  interface ColdStart extends ColdStartReport {
    /** From spawning the process to the answer of the first request. */
    readonly answeredMs: number;
    /** The first request alone. */
    readonly firstTurnMs: number;
  }

  /** Starts a fresh process on the entry files, sends it one `help`, and times it all. */
  async function coldStart(entries: readonly string[], reply: RegExp): Promise<ColdStart> {
    const request = await signedHelp();
    const sentBefore = connector.requests.length;
    const spawned = performance.now();
    const child = spawn(process.execPath, [host.outfile, ...entries], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    try {
      const report = await new Promise<ColdStartReport>((resolve, reject) => {
        child.once('exit', (code) => {
          reject(new Error(`the host exited with ${String(code)}: ${output}`));
        });
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('{"origin"')) resolve(JSON.parse(line) as ColdStartReport);
          else output += `${line}\n`;
        });
      });
      const serving = performance.now();
      const response = await fetch(`${report.origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: request.authorization },
        body: request.body,
      });
      await response.arrayBuffer();
      const answered = performance.now();
      const replies = connector.requests.slice(sentBefore).filter((call) => reply.test(call.body));
      if (response.status !== 200 || replies.length === 0) {
        throw new Error(
          `help was not answered (status ${String(response.status)}, ${String(replies.length)} replies): ${output}`,
        );
      }
      return { ...report, answeredMs: answered - spawned, firstTurnMs: answered - serving };
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }

  const app: ColdStart[] = [];
  const echo: ColdStart[] = [];
  // One of each first, not counted: the disk cache then holds both, as it would on a warm host.
  await coldStart(appEntries, /Entra Connect migration assistant/);
  await coldStart(echoEntries, /Echo: help/);
  for (let round = 0; round < rounds; round += 1) {
    app.push(await coldStart(appEntries, /Entra Connect migration assistant/));
    echo.push(await coldStart(echoEntries, /Echo: help/));
  }
  await Promise.all([channel.close(), login.close(), connector.close(), azurite.stop()]);

  const of = (runs: readonly ColdStart[], key: keyof Omit<ColdStart, 'origin'>): number =>
    round(median(runs.map((run) => run[key])), 1);
  const value = of(app, 'answeredMs');
  const floor = of(echo, 'answeredMs');
  const ratio = ratioOf(value, floor);
  const zipRatio = ratioOf(zipBytes, frameworkBytes);
  const met = ratio <= goal && zipRatio <= goal;
  const notes: string[] = [];
  if (ratio > goal) {
    notes.push(
      `cold start ${String(ratio)}x: the app loads ${String(of(app, 'entryLoadMs'))} ms of entry files against ${String(of(echo, 'entryLoadMs'))} ms and its first help takes ${String(of(app, 'firstTurnMs'))} ms against ${String(of(echo, 'firstTurnMs'))} ms. A CPU profile puts most of the first help in adaptivecards-templating's expression parser (adaptive-expressions on antlr4ts, set up on the first card) and most of the extra load in compiling the 12 MB bundle and in adaptive-expressions, zod and the storage SDKs; expanding the card templates without adaptive-expressions (they use a small subset of its language) would meet it`,
    );
  }
  if (zipRatio > goal) {
    notes.push(
      `zip ${String(zipRatio)}x the framework's: the package carries more than the bundle needs`,
    );
  }
  reportRows([
    {
      id: 'cold-start',
      what: `fresh process to the first answered /api/messages (an authenticated help) from the deployment zip's entry files, median of ${String(rounds)}; the zip's size against the framework's`,
      value,
      unit: 'ms',
      floor,
      floorIs:
        'the same for a bare botbuilder echo bot on the same CloudAdapter and HTTP bridge, bundled the same way; zip: @azure/functions, botbuilder and durable-functions alone, installed and zipped as the package is',
      ratio,
      goal: '<= 1.2x; zip <= 1.2x',
      met,
      detail: {
        zipMb: megabytes(zipBytes),
        floorZipMb: megabytes(frameworkBytes),
        zipRatio,
        zipFiles: appZip.files.length,
        floorZipFiles: frameworkZip.files.length,
        bundleMb: megabytes(statSync(appBundle).size),
        echoBundleMb: megabytes(echoBundle.bytes),
        appHostLoadedMs: of(app, 'hostLoadedMs'),
        echoHostLoadedMs: of(echo, 'hostLoadedMs'),
        appEntryLoadMs: of(app, 'entryLoadMs'),
        echoEntryLoadMs: of(echo, 'entryLoadMs'),
        entryLoadRatio: ratioOf(of(app, 'entryLoadMs'), of(echo, 'entryLoadMs')),
        appEntryLoadCpuMs: of(app, 'entryLoadCpuMs'),
        echoEntryLoadCpuMs: of(echo, 'entryLoadCpuMs'),
        appModules: of(app, 'modules'),
        echoModules: of(echo, 'modules'),
        appHeapMb: of(app, 'heapMb'),
        echoHeapMb: of(echo, 'heapMb'),
        appServingMs: of(app, 'servingMs'),
        echoServingMs: of(echo, 'servingMs'),
        appFirstTurnMs: of(app, 'firstTurnMs'),
        echoFirstTurnMs: of(echo, 'firstTurnMs'),
        appAnsweredP99Ms: round(percentiles(app.map((run) => run.answeredMs)).p99, 1),
        echoAnsweredP99Ms: round(percentiles(echo.map((run) => run.answeredMs)).p99, 1),
      },
      ...(met ? {} : { note: notes.join('; ') }),
    },
  ]);
}

// No top-level await: tsx runs this file as CommonJS.
main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(work, { recursive: true, force: true });
  });
