import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appEntryFiles } from '../../local/app-entry';
import { startAppHost, type AppHost } from '../../local/app-host';
import { triggerOf } from '../../local/functions-core';
import { startRealEngine } from '../../local/real-durable/real-engine';
import { migrationStatusSchema } from '../../migration/migration-status';
import { ignoredBy, productionLockfile, readFuncignore } from '../../scripts/package-functions.mjs';
import { messageActivity, personalChat, submitActivity } from '../support/playground-activity';
import { alex, megan, adele } from '../support/playground-people';
import { cardBodyText, cardOf, sentActivities, submitDataOf } from '../support/sent-activity';

const run = promisify(execFile);
const projectRoot = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'functions-package-test-'));
const zipPath = path.join(work, 'functions.zip');
const app = path.join(work, 'app');

interface Registration {
  readonly name: string;
  readonly bindings: Record<string, unknown>;
}

const projectManifest = JSON.parse(
  readFileSync(path.join(projectRoot, 'package.json'), 'utf8'),
) as { main: string; devDependencies: Record<string, string> };
const productionPackages = productionLockfile(
  JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Record<string, unknown>>;
  },
).packages;

let files: string[] = [];
let sourceRegistrations: Registration[] = [];
let host: AppHost | undefined;

/** The registrations the source app makes in the local runtime, from a process of their own. */
async function registrationsOfSources(): Promise<Registration[]> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'support', 'source-registrations-main.ts')],
    { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Registration[];
}

async function packageAndUnpack(): Promise<string[]> {
  const npm = process.env.npm_execpath;
  const [command, args] =
    npm !== undefined && /\.[cm]?js$/.test(npm)
      ? [process.execPath, [npm]]
      : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  await run(command, [...args, 'run', '--silent', 'package:functions', '--', zipPath], {
    cwd: projectRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  const entries = unzipSync(readFileSync(zipPath));
  for (const [name, data] of Object.entries(entries)) {
    const target = path.join(app, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  return Object.keys(entries).sort();
}

/** Package folders under a node_modules, as paths relative to the app (`node_modules/a/node_modules/b`). */
function installedPackages(folder: string): string[] {
  const found: string[] = [];
  const visit = (modules: string): void => {
    if (!existsSync(path.join(app, modules))) return;
    for (const name of readdirSync(path.join(app, modules))) {
      const candidates = name.startsWith('@')
        ? readdirSync(path.join(app, modules, name)).map((inner) => `${name}/${inner}`)
        : [name];
      for (const candidate of candidates) {
        const location = `${modules}/${candidate}`;
        if (!existsSync(path.join(app, location, 'package.json'))) continue;
        found.push(location);
        visit(`${location}/node_modules`);
      }
    }
  };
  visit(folder);
  return found.sort();
}

/** A registration as JSON carries it, so both sides compare alike. */
function normalised(registrations: Iterable<Registration>): Registration[] {
  return (JSON.parse(JSON.stringify([...registrations])) as Registration[]).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

beforeAll(async () => {
  [files, sourceRegistrations] = await Promise.all([packageAndUnpack(), registrationsOfSources()]);
  // Wednesday 18 Nov 2026, 15:30 in Berlin.
  host = await startAppHost({ root: app, built: true, start: new Date('2026-11-18T14:30:00Z') });
}, 600_000);

afterAll(async () => {
  await host?.close();
  rmSync(work, { recursive: true, force: true });
});

function running(): AppHost {
  if (host === undefined) throw new Error('The package is not hosted.');
  return host;
}

describe('the function app package (npm run package:functions)', () => {
  it('holds host.json, package.json, its lockfile, dist/ and node_modules/, and nothing else', () => {
    expect(new Set(files.map((file) => file.split('/')[0]))).toEqual(
      new Set(['host.json', 'package.json', 'package-lock.json', 'dist', 'node_modules']),
    );
    const built = new Set(
      files.filter((file) => file.startsWith('dist/')).map((file) => file.split('/')[1]),
    );
    expect(built).toEqual(new Set(['migration', 'cards', 'bot', 'platform', 'functions']));
    expect(files.filter((file) => file.startsWith('dist/cards/samples/'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('dist/cards/templates/')).length).toBeGreaterThan(
      0,
    );
    expect(files.filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
    const rules = readFuncignore(projectRoot);
    expect(files.filter((file) => ignoredBy(rules, file) !== undefined)).toEqual([]);
  });

  it('carries no setting that turns authentication off: only the settings reader names it', () => {
    const naming = files
      .filter((file) => !file.startsWith('node_modules/'))
      .filter((file) => readFileSync(path.join(app, file), 'utf8').includes('BOT_AUTHENTICATION'));
    expect(naming).toEqual(['dist/platform/config/bot-config.js']);
  });

  it('lists the project folders that never ship in .funcignore', () => {
    const rules = readFuncignore(projectRoot);
    for (const folder of [
      'local',
      'test',
      'cli',
      'bench',
      'scripts',
      'appPackage',
      'infra',
      'docs',
      '.local',
    ]) {
      expect(ignoredBy(rules, `${folder}/any-file.js`), folder).toBeDefined();
    }
    expect(ignoredBy(rules, 'functions/messages.ts')).toBeDefined();
    expect(ignoredBy(rules, 'dist/functions/messages.js')).toBeUndefined();
    expect(ignoredBy(rules, 'node_modules/@azure/functions/package.json')).toBeUndefined();
  });

  it('keeps host.json and main as they are, without scripts or development dependencies', () => {
    expect(readFileSync(path.join(app, 'host.json'), 'utf8')).toBe(
      readFileSync(path.join(projectRoot, 'host.json'), 'utf8'),
    );
    const manifest = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.main).toBe(projectManifest.main);
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
  });

  it('has the built entry file of every source entry file', () => {
    const entries = appEntryFiles(app, { built: true }).map((file) => path.relative(app, file));
    const sources = appEntryFiles(projectRoot).map((file) =>
      path.join('dist', path.relative(projectRoot, file)).replace(/\.ts$/, '.js'),
    );
    expect(entries).toEqual(sources);
  });

  it('ships exactly the production dependencies of the lockfile, none of the development ones', async () => {
    const installed = installedPackages('node_modules');
    const expected = Object.keys(productionPackages).filter((location) => location !== '');
    expect(installed).toEqual(expected.sort());
    for (const name of Object.keys(projectManifest.devDependencies)) {
      // A development dependency ships only where a production package needs that package too.
      if (productionPackages[`node_modules/${name}`] === undefined) {
        expect(existsSync(path.join(app, 'node_modules', name)), name).toBe(false);
      }
    }
    for (const tool of ['azurite', 'vitest', 'playwright-core', 'typescript', 'tsx', 'eslint']) {
      expect(
        installed.some((location) => location.endsWith(`node_modules/${tool}`)),
        tool,
      ).toBe(false);
    }
    // npm itself agrees the tree is complete and has nothing extraneous.
    const npm = process.env.npm_execpath;
    const [command, args] =
      npm !== undefined && /\.[cm]?js$/.test(npm)
        ? [process.execPath, [npm]]
        : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
    await expect(
      run(command, [...args, 'ls', '--all', '--omit=dev', '--parseable'], { cwd: app }),
    ).resolves.toBeDefined();
  });
});

describe('the unpacked package in the local runtime', () => {
  it('registers every function the source app registers, with the same bindings', () => {
    const registered = normalised(running().runtime.functions.values());
    expect(sourceRegistrations.length).toBeGreaterThan(10);
    expect(registered).toEqual(normalised(sourceRegistrations));
    const triggers = new Set(
      [...running().runtime.functions.values()].map((fn) => triggerOf(fn).type),
    );
    for (const kind of ['httpTrigger', 'orchestrationTrigger', 'activityTrigger']) {
      expect(triggers, kind).toContain(kind);
    }
  });

  it("runs the package's own @azure/functions and durable-functions", () => {
    const loaded = Object.keys(createRequire(__filename).cache);
    for (const name of ['@azure/functions', 'durable-functions']) {
      const inPackage = path.join(app, 'node_modules', name) + path.sep;
      const inProject = path.join(projectRoot, 'node_modules', name) + path.sep;
      expect(
        loaded.some((file) => file.startsWith(inPackage)),
        name,
      ).toBe(true);
      expect(
        loaded.filter((file) => file.startsWith(inProject)),
        name,
      ).toEqual([]);
    }
    expect(loaded.filter((file) => file.startsWith(path.join(projectRoot, 'dist')))).toEqual([]);
  });

  it('answers help, shows the start form, and starts a migration from it', async () => {
    const appHost = running();
    const chat = personalChat(alex);
    let seen = appHost.connector.requests.length;
    let posted = 0;
    const send = async (activity: Record<string, unknown>) => {
      expect((await appHost.post(activity)).status).toBe(200);
      const fresh = appHost.connector.requests.slice(seen);
      seen = appHost.connector.requests.length;
      return sentActivities(fresh);
    };
    const say = (text: string) =>
      send(messageActivity(chat, appHost.serviceUrl, `package-${String(++posted)}`, text));

    const [help] = await say('help');
    expect(cardBodyText(cardOf(help))).toMatch(/Entra Connect migration assistant/);

    const [formMessage] = await say('start migration');
    const form = cardOf(formMessage);
    expect(cardBodyText(form)).toContain('Current server');

    const sent = await send(
      submitActivity(chat, appHost.serviceUrl, `package-${String(++posted)}`, {
        ...submitDataOf(form),
        verb: 'migration.start',
        oldServer: 'AADC01',
        newServer: 'AADC-NEW01.contoso.com',
        approvers: `${megan.id},${adele.id}`,
        monitoringDays: '7',
        timeZone: 'Europe/Berlin',
        workStart: '08:00',
        workEnd: '17:00',
        workDays: '1,2,3,4,5',
      }),
    );
    const migrationId = String(submitDataOf(form).migrationId);
    expect(sent.map((activity) => activity.text ?? '').join(' ')).toContain(
      `Migration ${migrationId} started`,
    );
    expect(
      sent.some((activity) =>
        cardBodyText(cardOf(activity)).includes('Record the version of the current server'),
      ),
    ).toBe(true);
    expect(appHost.runtime.engine.getStatus(migrationId)?.runtimeStatus).toBe('Running');
    startedOnTheLocalEngine = appHost.runtime.engine.getStatus(migrationId, false)?.input;
  });
});

let startedOnTheLocalEngine: unknown;

describe('the unpacked package on the real Durable Task extension', () => {
  it('loads its built entry files in the real host and runs a migration there to its first checkpoint', async () => {
    expect(startedOnTheLocalEngine, 'the local run above starts a migration').toBeDefined();
    // The host's worker loads the package's own dist/functions/*.js, with its own node_modules.
    const engine = await startRealEngine({
      scriptRoot: app,
      entryFiles: appEntryFiles(app, { built: true }),
      maxQueuePollingInterval: '00:00:01',
    });
    try {
      // The extension's own HTTP API, which the durable client calls (this file loads no
      // durable-functions of its own: the package's is the one under test).
      const rpc = String(engine.clientBinding.rpcBaseUrl);
      const statusOf = async (
        id: string,
      ): Promise<{ runtimeStatus: string; customStatus: unknown }> => {
        const response = await fetch(`${rpc}instances/${encodeURIComponent(id)}`);
        return (await response.json()) as { runtimeStatus: string; customStatus: unknown };
      };
      const input = startedOnTheLocalEngine as { migrationId: string };
      const started = await fetch(
        `${rpc}orchestrators/migrationOrchestratorV2/${encodeURIComponent(input.migrationId)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        },
      );
      expect(started.status).toBe(202);
      await engine.settle();
      const main = await statusOf(input.migrationId);
      expect(main.runtimeStatus).toBe('Running');
      const status = migrationStatusSchema.parse(main.customStatus);
      expect(status.phaseInstanceId).not.toBeNull();
      const phase = await statusOf(status.phaseInstanceId ?? '');
      expect(phase.runtimeStatus).toBe('Running');
      // The phase orchestration ran its activities in the package's code and waits for the
      // first evidence, as on the local engine.
      const summary = migrationStatusSchema.parse(phase.customStatus);
      expect(summary.phase).toBe('prepare');
      expect(summary.checkpoint).toBe('source-version');
      expect(summary.awaiting).toBe('evidence');
    } finally {
      await engine.close();
    }
  });
});
