import { afterEach, describe, expect, it } from 'vitest';
import {
  loadAppSettings,
  optionalAppSettingProblems,
  resetConfigCache,
} from '../../platform/config';
import type { ConsoleLogger } from '../../platform/console-logger';
import { reportSettings, settingsProblems } from '../../platform/settings-report';

// The settings report reads this process's environment, as the app does at start: each case sets
// it, and the cache is reset around it.

const base = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  BOT_AUTHENTICATION: 'off-local-only',
};
const secret = 'a-secret-that-never-shows';
const saved = { ...process.env };

function withEnv(env: Record<string, string>): void {
  for (const name of Object.keys(process.env)) {
    if (!(name in saved)) Reflect.deleteProperty(process.env, name);
  }
  Object.assign(process.env, saved, env);
  resetConfigCache();
}

afterEach(() => {
  withEnv({});
});

/** A logger that keeps each line as its JSON would be written. */
function recordingLogger(): { lines: string[]; logger: Pick<ConsoleLogger, 'warn' | 'error'> } {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      lines.push(JSON.stringify({ level, message, ...fields }));
    };
  return { lines, logger: { warn: write('warn'), error: write('error') } };
}

describe('the settings report', () => {
  it('finds nothing wrong with the local defaults', () => {
    withEnv(base);
    expect(settingsProblems()).toEqual([]);
  });

  it('names an unusable Graph setting as an optional feature, never its value', () => {
    withEnv({
      ...base,
      GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
      GRAPH_CLIENT_ID: 'graph-app-of-contoso',
      GRAPH_CLIENT_SECRET: secret,
    });
    const problems = settingsProblems();
    expect(problems).toEqual([
      {
        feature: 'Microsoft Graph (the cloud sync check, approvers by sign-in name)',
        required: false,
        problems: ['GRAPH_CLIENT_ID must be the application (client) id, a GUID'],
      },
    ]);
    const { lines, logger } = recordingLogger();
    reportSettings(logger);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"level":"warn"');
    expect(lines[0]).toContain('the feature is off until they are fixed');
    expect(lines.join('\n')).not.toContain('graph-app-of-contoso');
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('names an unreadable certificate key as a Graph problem', () => {
    withEnv({
      ...base,
      GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
      GRAPH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      GRAPH_CERTIFICATE_THUMBPRINT_SHA256: 'A'.repeat(64),
      GRAPH_CERTIFICATE_PRIVATE_KEY_PATH: '/nonexistent/graph-key.pem',
    });
    expect(settingsProblems().flatMap((problem) => problem.problems)).toEqual([
      'GRAPH_CERTIFICATE_PRIVATE_KEY_PATH must name a readable, unencrypted PEM private key',
    ]);
  });

  it('reports a required group as an error that stops the bot', () => {
    withEnv({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', REMINDER_AFTER_HOURS: 'soon' });
    const problems = settingsProblems();
    expect(problems.map((problem) => [problem.feature, problem.required])).toEqual([
      ['Bot Framework authentication', true],
      ['the migration workflow and its storage', true],
    ]);
    const { lines, logger } = recordingLogger();
    reportSettings(logger);
    expect(lines.every((line) => line.includes('"level":"error"'))).toBe(true);
  });
});

describe('the optional workflow settings', () => {
  it('turn the self-install off for an app catalog id that is not a GUID, without stopping the app', () => {
    const env = { ...base, TEAMS_APP_CATALOG_ID: 'Entra Connect Migration' };
    expect(loadAppSettings(env).teamsAppCatalogId).toBeUndefined();
    expect(optionalAppSettingProblems(env)).toEqual([
      "TEAMS_APP_CATALOG_ID must be the app's id in the app catalog (a GUID, as npm run publish:app prints it)",
    ]);
  });

  it("name an escalation channel id that is not a channel's conversation id", () => {
    expect(
      optionalAppSettingProblems({ ...base, ESCALATION_CHANNEL_ID: 'Migration escalations' }),
    ).toEqual([
      "ESCALATION_CHANNEL_ID must be a Teams channel's conversation id (19:…@thread.tacv2), as the channel's link shows it",
    ]);
    for (const channel of ['19:abc123@thread.tacv2', '19:abc123@thread.skype']) {
      expect(optionalAppSettingProblems({ ...base, ESCALATION_CHANNEL_ID: channel })).toEqual([]);
    }
  });

  it('show on the status and help cards through the report', () => {
    withEnv({ ...base, ESCALATION_CHANNEL_ID: 'general' });
    expect(settingsProblems()).toEqual([
      {
        feature: 'the escalation channel and the self-install for approvers',
        required: false,
        problems: [
          "ESCALATION_CHANNEL_ID must be a Teams channel's conversation id (19:…@thread.tacv2), as the channel's link shows it",
        ],
      },
    ]);
  });
});
