import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// The files around infra/: they need no compiled template.

const projectRoot = path.resolve(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(projectRoot, file), 'utf8');

function record(value: unknown): Record<string, unknown> {
  expect(value).toBeTypeOf('object');
  expect(value).not.toBeNull();
  return value as Record<string, unknown>;
}

describe('the project files around the template', () => {
  it('name a valid Durable Functions task hub in host.json', () => {
    // https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-task-hubs:
    // alphanumeric, starting with a letter, 3 to 45 characters.
    const host = record(JSON.parse(read('host.json')));
    const hubName = record(record(host.extensions).durableTask).hubName;
    expect(hubName).toMatch(/^[A-Za-z][A-Za-z0-9]{2,44}$/);
  });

  it('poll the Durable queues at most every 10 seconds, as Learn asks on Flex Consumption', () => {
    // "Reduce the queue polling interval to 10 seconds or less": the default 30 s would let a
    // card click after a quiet spell wait that long for the orchestration to act on it.
    // https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-azure-storage-provider#flex-consumption-plan
    const host = record(JSON.parse(read('host.json')));
    const durableTask = record(record(host.extensions).durableTask);
    const interval = String(record(durableTask.storageProvider).maxQueuePollingInterval);
    const [, hours = '', minutes = '', seconds = ''] =
      /^(\d{2}):(\d{2}):(\d{2})$/.exec(interval) ?? [];
    const total = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(10);
  });

  it('never set the local-only setting that turns authentication off', () => {
    const infra = readdirSync(path.join(projectRoot, 'infra'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)));
    expect(infra).toContain(path.join('infra', 'main.bicep'));
    expect(infra).toContain(path.join('infra', 'modules', 'function-app.bicep'));
    for (const file of [...infra, 'azure.yaml', 'host.json']) {
      expect(read(file), file).not.toMatch(/BOT_AUTHENTICATION|off-local-only/i);
    }
  });

  it('make azure.yaml deploy the service bot as a function app from the staged package', () => {
    const project = record(parseYaml(read('azure.yaml')));
    expect(project.name).toBeTypeOf('string');
    expect(project.infra).toMatchObject({ provider: 'bicep', path: 'infra', module: 'main' });
    // remoteBuild: false is honoured for Flex Consumption from azd 1.23.5.
    expect(project.requiredVersions).toEqual({ azd: '>= 1.23.5' });
    expect(read('docs/deploy.md')).toContain('1.23.5 or later');
    const services = record(project.services);
    expect(Object.keys(services)).toEqual(['bot']);
    const bot = record(services.bot);
    expect(bot).toMatchObject({ project: '.', host: 'function', dist: '.dist/functions' });
    expect(['ts', 'js']).toContain(bot.language);

    // The prepackage hook stages the package with the project's own script.
    const prepackage = record(record(bot.hooks).prepackage);
    for (const platform of ['posix', 'windows']) {
      expect(record(prepackage[platform]).run).toBe('node infra/hooks/stage-functions.mjs');
    }
    expect(read('infra/hooks/stage-functions.mjs')).toContain("'package:functions'");
    const scripts = record(record(JSON.parse(read('package.json'))).scripts);
    expect(scripts['package:functions']).toBeTypeOf('string');
    expect(scripts['package:app']).toBeTypeOf('string');

    const postdeploy = record(record(project.hooks).postdeploy);
    for (const platform of ['posix', 'windows']) {
      expect(record(postdeploy[platform]).run).toBe('node infra/hooks/next-steps.mjs');
    }
  });

  it('print the Graph grant for the identity and the Teams app step after a deploy', () => {
    const principal = '9a8b7c6d-0000-4000-8000-00000000f006';
    const run = (env: Record<string, string>): string =>
      execFileSync(process.execPath, [path.join(projectRoot, 'infra/hooks/next-steps.mjs')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      });
    const steps = run({ IDENTITY_PRINCIPAL_ID: principal });
    expect(steps).toContain(`principal=${principal}`);
    expect(steps).toContain('/servicePrincipals/$principal/appRoleAssignments');
    expect(steps).toContain("appRoles[?value=='$permission'");
    expect(steps).toContain(
      'for permission in Organization.Read.All User.ReadBasic.All TeamsAppInstallation.ReadWriteSelfForUser.All; do',
    );
    expect(steps).toContain('azd env set TEAMS_APP_CATALOG_ID');
    expect(steps).toContain('npm run publish:app');
    expect(steps).toContain('azd env set APP_PRIVACY_URL');
    expect(
      run({
        IDENTITY_PRINCIPAL_ID: principal,
        AZURE_TENANT_ID: '84841066-274d-4ec0-a5c1-276be684bdd3',
      }),
    ).toContain('az login --tenant 84841066-274d-4ec0-a5c1-276be684bdd3');
    const withoutGraph = run({ IDENTITY_PRINCIPAL_ID: principal, GRAPH_CREDENTIAL: 'none' });
    expect(withoutGraph).not.toContain('appRoleAssignments');
    expect(withoutGraph).toContain('npm run publish:app');
    expect(withoutGraph).not.toContain('az login');
  });
});
