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
import {
  ignoredBy,
  INSTALLED_PACKAGES,
  lockfileFor,
  readFuncignore,
  sourceMapPathOf,
} from '../../scripts/package-functions.mjs';
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
) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lockedPackages = lockfileFor(
  JSON.parse(readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, Record<string, unknown>>;
  },
  INSTALLED_PACKAGES,
).packages;
/** The one file `npm run build` bundles every entry file into. */
const bundle = 'dist/functions/function-app.js';

/** The source files a bundle holds: esbuild marks each with a `// <path>` line before its code. */
function sectionsOf(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current = '';
  let lines: string[] = [];
  for (const line of text.split('\n')) {
    const marker = /^\/\/ (\S+\.(?:[cm]?[jt]s|json))$/.exec(line.trim());
    if (marker?.[1] !== undefined) {
      sections.set(current, `${sections.get(current) ?? ''}${lines.join('\n')}`);
      current = marker[1];
      lines = [];
    } else lines.push(line);
  }
  sections.set(current, `${sections.get(current) ?? ''}${lines.join('\n')}`);
  return sections;
}

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
  it('holds host.json, package.json, its lockfile, the one bundle in dist/ and node_modules/, and nothing else', () => {
    expect(new Set(files.map((file) => file.split('/')[0]))).toEqual(
      new Set(['host.json', 'package.json', 'package-lock.json', 'dist', 'node_modules']),
    );
    expect(files.filter((file) => file.startsWith('dist/'))).toEqual([bundle]);
    expect(files.filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
    const rules = readFuncignore(projectRoot);
    expect(files.filter((file) => ignoredBy(rules, file) !== undefined)).toEqual([]);
  });

  it("keeps the bundle's source map beside the zip, naming the app's sources", () => {
    const map = JSON.parse(readFileSync(sourceMapPathOf(zipPath), 'utf8')) as { sources: string[] };
    expect(map.sources.some((source) => source.endsWith('functions/messages.ts'))).toBe(true);
    expect(readFileSync(path.join(app, bundle), 'utf8')).not.toContain('sourceMappingURL');
  });

  it('bundles the templates and app code the server runs, and no browser or card-rendering code', () => {
    const sources = [...sectionsOf(readFileSync(path.join(app, bundle), 'utf8')).keys()];
    expect(sources).toContain('cards/templates/help.json');
    // node_modules may be a link elsewhere: esbuild names a package by where it really is.
    expect(
      sources.some((source) =>
        source.endsWith('node_modules/adaptivecards-templating/lib/adaptivecards-templating.js'),
      ),
    ).toBe(true);
    expect(sources.filter((source) => source.startsWith('cards/samples/'))).toEqual([]);
    for (const browserOnly of [
      'node_modules/adaptivecards/',
      'node_modules/@azure/msal-browser/',
      'node_modules/swiper/',
      'node_modules/moment/locale/',
    ]) {
      expect(
        sources.filter((source) => source.includes(browserOnly)),
        browserOnly,
      ).toEqual([]);
    }
  });

  it('carries no setting that turns authentication off: only the settings reader names it', () => {
    const naming = files
      .filter((file) => !file.startsWith('node_modules/'))
      .filter((file) => readFileSync(path.join(app, file), 'utf8').includes('BOT_AUTHENTICATION'));
    expect(naming).toEqual([bundle]);
    const sections = sectionsOf(readFileSync(path.join(app, bundle), 'utf8'));
    const inBundle = [...sections]
      .filter(([, text]) => text.includes('BOT_AUTHENTICATION'))
      .map(([source]) => source);
    expect(inBundle).toEqual(['platform/config/bot-config.ts']);
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

  it('keeps host.json and main as they are, without scripts, and names only the packages it installs', () => {
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
    expect(manifest.dependencies).toEqual({
      '@azure/functions': projectManifest.dependencies['@azure/functions'],
    });
  });

  it('has one built entry file, the bundle of every source entry file', () => {
    const entries = appEntryFiles(app, { built: true }).map((file) => path.relative(app, file));
    expect(entries).toEqual([bundle]);
    const sources = new Set(sectionsOf(readFileSync(path.join(app, bundle), 'utf8')).keys());
    for (const file of appEntryFiles(projectRoot)) {
      expect(sources, file).toContain(path.relative(projectRoot, file));
    }
  });

  it('installs only what the bundle requires from node_modules, none of the other dependencies', async () => {
    const installed = installedPackages('node_modules');
    const expected = Object.keys(lockedPackages).filter((location) => location !== '');
    expect(installed).toEqual(expected.sort());
    expect(installed).toContain('node_modules/@azure/functions');
    for (const name of [
      ...Object.keys(projectManifest.dependencies),
      ...Object.keys(projectManifest.devDependencies),
    ]) {
      // Bundled, unless the bundle leaves it to node_modules.
      if (lockedPackages[`node_modules/${name}`] === undefined) {
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

  it("runs the package's bundle and its own @azure/functions, nothing of the project's", () => {
    const loaded = Object.keys(createRequire(__filename).cache);
    expect(loaded).toContain(path.join(app, bundle));
    const inPackage = path.join(app, 'node_modules', '@azure', 'functions') + path.sep;
    expect(loaded.some((file) => file.startsWith(inPackage))).toBe(true);
    // durable-functions and the rest are in the bundle: none is loaded from the project.
    for (const name of ['@azure/functions', 'durable-functions', 'botbuilder']) {
      const inProject = path.join(projectRoot, 'node_modules', name) + path.sep;
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
