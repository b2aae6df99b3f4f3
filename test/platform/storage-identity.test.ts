import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startAzurite, type RunningAzurite } from '../../local/azurite';
import {
  startLoopbackManagedIdentity,
  type LoopbackManagedIdentity,
} from '../support/loopback-managed-identity';
import { createTestCertificates, type TestCertificates } from '../support/test-certificates';

// The app's storage through its managed identity, for real: the Azure SDKs get a token from a
// loopback App Service identity endpoint through @azure/identity and msal-node, and an https
// Azurite with basic OAuth checks it (issuer, audience, lifetime) on every request. No connection
// string and no key is given. The checks run in a child process because Node trusts the test CA
// only through NODE_EXTRA_CA_CERTS, which it reads at start-up.

const CLIENT_ID = '7d3c2b1a-0000-4000-8000-0000000000aa';
const STORAGE_RESOURCE = 'https://storage.azure.com';

let workDir: string;
let certificates: TestCertificates;
let azurite: RunningAzurite;
let debugLogPath: string;
let identity: LoopbackManagedIdentity;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'storage-identity-test-'));
  certificates = createTestCertificates(workDir);
  debugLogPath = join(workDir, 'azurite-debug.log');
  azurite = await startAzurite({
    location: workDir,
    inMemory: true,
    tls: certificates.tlsPaths,
    oauth: 'basic',
    debugLogPath,
  });
  identity = await startLoopbackManagedIdentity({ clientIds: [CLIENT_ID] });
});

afterEach(() => {
  identity.requests.length = 0;
  identity.issued.length = 0;
});

afterAll(async () => {
  await Promise.all([azurite.stop(), identity.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

const childOutputSchema = z.union([
  z.object({
    ok: z.literal(true),
    entity: z.object({ partitionKey: z.string(), rowKey: z.string(), phase: z.string() }),
    evidence: z.object({
      sha256: z.string(),
      expectedSha256: z.string(),
      readBack: z.boolean(),
    }),
  }),
  z.object({
    ok: z.literal(false),
    errorName: z.string(),
    statusCode: z.number().optional(),
    message: z.string(),
  }),
]);

interface ChildRun {
  readonly result: z.infer<typeof childOutputSchema>;
  /** Everything the child printed, to search for secrets. */
  readonly output: string;
}

/** The identity-based settings the infrastructure sets, pointed at the loopback Azurite. */
function identitySettings(): Record<string, string> {
  return {
    AzureWebJobsStorage__blobServiceUri: azurite.blobEndpoint,
    AzureWebJobsStorage__tableServiceUri: azurite.tableEndpoint,
    AzureWebJobsStorage__credential: 'managedidentity',
    AzureWebJobsStorage__clientId: CLIENT_ID,
  };
}

async function runStorageChecks(
  endpoint: LoopbackManagedIdentity,
  settings: Record<string, string> = identitySettings(),
): Promise<ChildRun> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'support', 'storage-identity-main.ts')],
    {
      cwd: join(__dirname, '..', '..'),
      // Only what the function app has on Azure: no connection string, no account key.
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: certificates.caPath,
        ...endpoint.env,
        ...settings,
      },
    },
  );
  return { result: childOutputSchema.parse(JSON.parse(stdout)), output: `${stdout}${stderr}` };
}

function azuriteDebugLog(): string {
  return readFileSync(debugLogPath, 'utf8');
}

/** The scheme of each Authorization header in Azurite's log of request headers. */
function authorizationSchemes(log: string): string[] {
  return [...log.matchAll(/authorization\\?"\s*:\s*\\?"([A-Za-z]+) /g)].map(
    (match) => match[1] ?? '',
  );
}

describe('the app storage through the managed identity on loopback', () => {
  it('writes and reads a table entity and an evidence blob with tokens from the identity endpoint', async () => {
    const run = await runStorageChecks(identity);

    expect(run.result, run.output).toEqual({
      ok: true,
      entity: { partitionKey: 'contoso-tenant', rowKey: 'check-1', phase: 'cutover' },
      evidence: {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        expectedSha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        readBack: true,
      },
    });
    if (run.result.ok) {
      expect(run.result.evidence.sha256).toBe(run.result.evidence.expectedSha256);
    }
    // One token for both services: the credential is shared and msal-node keeps the token.
    expect(identity.tokenRequests()).toEqual([
      {
        method: 'GET',
        pathname: '/msi/token',
        apiVersion: '2019-08-01',
        resource: STORAGE_RESOURCE,
        clientId: CLIENT_ID,
        identityHeader: identity.env.IDENTITY_HEADER,
      },
    ]);
    expect(identity.requests).toHaveLength(1);
    const log = azuriteDebugLog();
    expect(log).toContain(
      'TableTokenAuthenticator:authenticateBasic() Validation against token authentication successfully.',
    );
    expect(log).toContain(
      'BlobTokenAuthenticator:authenticateBasic() Validation against token authentication successfully.',
    );
    const [token] = identity.issued;
    expect(log).toContain(`Bearer ${String(token)}`);
    // Every request Azurite logged carried a bearer token: no shared key was at hand.
    const schemes = authorizationSchemes(log);
    expect(schemes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(schemes)).toEqual(new Set(['Bearer']));
    expect(run.output).not.toContain(identity.env.IDENTITY_HEADER);
    expect(run.output).not.toContain(String(token));
  });

  it('is refused by Azurite when the token is for another audience', async () => {
    const elsewhere = await startLoopbackManagedIdentity({
      clientIds: [CLIENT_ID],
      claims: { aud: 'https://vault.azure.net' },
    });
    try {
      const run = await runStorageChecks(elsewhere);

      expect(run.result).toMatchObject({ ok: false, statusCode: 403 });
      expect(elsewhere.tokenRequests().map((request) => request.resource)).toEqual([
        STORAGE_RESOURCE,
      ]);
      expect(azuriteDebugLog()).toContain('Invalid token audience.');
      expect(run.output).not.toContain(elsewhere.env.IDENTITY_HEADER);
      for (const token of elsewhere.issued) expect(run.output).not.toContain(token);
    } finally {
      await elsewhere.close();
    }
  });

  it('reports the identity endpoint refusing an unknown client id, without its secret header', async () => {
    const run = await runStorageChecks(identity, {
      ...identitySettings(),
      AzureWebJobsStorage__clientId: '00000000-0000-4000-8000-000000000bad',
    });

    expect(run.result).toMatchObject({ ok: false, errorName: 'CredentialUnavailableError' });
    expect(identity.tokenRequests().map((request) => request.clientId)).toEqual([
      '00000000-0000-4000-8000-000000000bad',
    ]);
    expect(run.output).not.toContain(identity.env.IDENTITY_HEADER);
  });
});
