import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getAppSettings,
  getConfig,
  getGraphSettings,
  resetConfigCache,
} from '../../../platform/config';
import { memoFromEnv } from '../../../platform/config/env-memo';

afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigCache();
});

describe('memoFromEnv', () => {
  it('loads from process.env on the first call only, an undefined result included', () => {
    const seen: (string | undefined)[] = [];
    const read = memoFromEnv<string | undefined>((env) => {
      seen.push(env.MEMO_TEST_SETTING);
      return undefined;
    });
    vi.stubEnv('MEMO_TEST_SETTING', 'first');

    expect(read()).toBeUndefined();
    vi.stubEnv('MEMO_TEST_SETTING', 'second');
    expect(read()).toBeUndefined();

    expect(seen).toEqual(['first']);
  });

  it('loads again after a throw', () => {
    let calls = 0;
    const read = memoFromEnv(() => {
      calls += 1;
      if (calls === 1) throw new Error('outage');
      return calls;
    });

    expect(() => read()).toThrow('outage');
    expect(read()).toBe(2);
    expect(read()).toBe(2);
  });
});

describe('resetConfigCache', () => {
  it('forgets the bot, workflow and Graph settings at once', () => {
    vi.stubEnv('BOT_AUTHENTICATION', 'off-local-only');
    vi.stubEnv('ALLOWED_TENANT_IDS', 'tenant-a');
    vi.stubEnv('AzureWebJobsStorage', 'UseDevelopmentStorage=true');
    vi.stubEnv('REMINDER_AFTER_HOURS', '6');
    vi.stubEnv('GRAPH_TENANT_ID', '');
    vi.stubEnv('GRAPH_CLIENT_ID', '');
    vi.stubEnv('GRAPH_CLIENT_SECRET', '');
    vi.stubEnv('GRAPH_ENDPOINT', '');
    resetConfigCache();
    expect(getConfig().allowedTenantIds).toEqual(['tenant-a']);
    expect(getAppSettings().reminderAfterHours).toBe(6);
    expect(getGraphSettings()).toBeUndefined();

    vi.stubEnv('ALLOWED_TENANT_IDS', 'tenant-b');
    vi.stubEnv('REMINDER_AFTER_HOURS', '7');
    vi.stubEnv('GRAPH_TENANT_ID', 'contoso.onmicrosoft.com');
    vi.stubEnv('GRAPH_CLIENT_ID', '4a1b2c3d-0000-4000-8000-00000000abcd');
    vi.stubEnv('GRAPH_CLIENT_SECRET', 'graph-secret');
    resetConfigCache();

    expect(getConfig().allowedTenantIds).toEqual(['tenant-b']);
    expect(getAppSettings().reminderAfterHours).toBe(7);
    expect(getGraphSettings()).toMatchObject({ tenantId: 'contoso.onmicrosoft.com' });
  });
});
