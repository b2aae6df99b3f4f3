import type { LookupAddress } from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPublicAddress, type DownloadNetwork } from '../../bot/download-address';
import {
  downloadEvidenceFile,
  type DownloadOptions,
  type EvidenceFileProblem,
  type UrlRefusal,
} from '../../bot/evidence-upload';
import type { LogFields, Logger } from '../../bot/logger';
import { startLoopbackServer, type LoopbackServer } from '../support/loopback-server';
import { createTestCertificates } from '../support/test-certificates';

// SharePoint is played by an https server on 127.0.0.1 that a test CA vouches for under the Teams
// file domains; host names resolve through the table below, never through real DNS. A second
// server listens on 127.0.0.2, an address no download may reach: it must never see a connection.
const exportJson = { policyMetadata: { type: 'Exported' } };
const TOKEN = 'tempauth=secret-token';

let workDir = '';
let sharePoint: LoopbackServer;
let forbidden: LoopbackServer;
let localFiles: LoopbackServer;
let port = '';
let forbiddenPort = '';
let ca = '';
const lookups: string[] = [];
const logged: { message: string; fields: LogFields | undefined }[] = [];

const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

const dns: Readonly<Record<string, readonly LookupAddress[]>> = {
  'contoso.sharepoint.com': [v4('127.0.0.1')],
  'contoso-my.sharepoint.com': [v4('127.0.0.1')],
  'contoso.sharepoint.us': [v4('127.0.0.1')],
  'contoso-my.sharepoint.us': [v4('127.0.0.1')],
  'contoso.sharepoint-mil.us': [v4('127.0.0.1')],
  'contoso.dps.mil': [v4('127.0.0.1')],
  'contoso.sharepoint.cn': [v4('127.0.0.1')],
  'rebound.sharepoint.com': [v4('127.0.0.2')],
  'metadata.sharepoint.com': [v4('169.254.169.254')],
  'private.sharepoint.com': [v4('10.0.0.7')],
  'mapped.sharepoint.com': [v6('::ffff:7f00:2')],
  'nat64.sharepoint.com': [v6('64:ff9b::a9fe:a9fe')],
  'ula.sharepoint.com': [v6('fd00:ec2::254')],
  'mixed.sharepoint.com': [v4('127.0.0.1'), v4('10.0.0.7')],
  'mixed-v6.sharepoint.com': [v4('127.0.0.1'), v6('::1')],
  'empty.sharepoint.com': [],
};

/** The public network, except that 127.0.0.1 stands in for SharePoint's public addresses. */
const network: () => DownloadNetwork = () => ({
  resolve: (hostname) => {
    lookups.push(hostname);
    if (hostname === 'slow.sharepoint.com') return new Promise(() => undefined);
    // Rebinding: the first answer passes the check, every later one would not.
    if (hostname === 'flip.sharepoint.com') {
      const first = lookups.filter((name) => name === hostname).length === 1;
      return Promise.resolve([v4(first ? '127.0.0.1' : '127.0.0.2')]);
    }
    // A resolver reads a name with the root's trailing dot as the same name.
    const addresses = dns[hostname.replace(/\.$/, '')];
    return addresses === undefined
      ? Promise.reject(new Error(`getaddrinfo ENOTFOUND ${hostname}`))
      : Promise.resolve(addresses);
  },
  mayConnectTo: (address) => address === '127.0.0.1' || isPublicAddress(address),
  ca,
});

const logger: Logger = {
  info: (message, fields) => logged.push({ message, fields }),
  warn: (message, fields) => logged.push({ message, fields }),
  error: (message, fields) => logged.push({ message, fields }),
};

function production(): DownloadOptions {
  return { allowInsecureLoopback: false, network: network(), logger };
}

function local(): DownloadOptions {
  return { ...production(), allowInsecureLoopback: true };
}

async function problemOf(
  url: string,
  options: DownloadOptions = production(),
): Promise<EvidenceFileProblem | 'ok'> {
  const result = await downloadEvidenceFile({ name: 'export.json', downloadUrl: url }, options);
  return result.ok ? 'ok' : result.problem;
}

const refusal = (reason: UrlRefusal): EvidenceFileProblem => ({ kind: 'url-not-allowed', reason });

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'evidence-hosts-test-'));
  const certificates = createTestCertificates(workDir, [
    '*.sharepoint.com',
    '*.sharepoint.us',
    '*.sharepoint-mil.us',
    '*.dps.mil',
    '*.sharepoint.cn',
  ]);
  ca = readFileSync(certificates.caPath, 'utf8');
  sharePoint = await startLoopbackServer((request) => {
    const to = new URL(request.path, 'https://127.0.0.1').searchParams.get('to');
    if (request.pathname === '/redirect' && to !== null)
      return { status: 302, headers: { location: to } };
    if (request.pathname.endsWith('/download.aspx')) return { status: 200, json: exportJson };
    return { status: 404 };
  }, certificates.tls);
  forbidden = await startLoopbackServer(
    () => ({ status: 200, json: exportJson }),
    certificates.tls,
    '127.0.0.2',
  );
  localFiles = await startLoopbackServer((request) =>
    request.pathname.startsWith('/download/') ? { status: 200, json: exportJson } : { status: 404 },
  );
  port = new URL(sharePoint.origin).port;
  forbiddenPort = new URL(forbidden.origin).port;
});

afterAll(async () => {
  await Promise.all([sharePoint.close(), forbidden.close(), localFiles.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  lookups.length = 0;
  logged.length = 0;
});

const downloadPath = `/personal/alex_contoso_com/_layouts/15/download.aspx?UniqueId=1&${TOKEN}`;
const at = (host: string, targetPort = port): string =>
  `https://${host}:${targetPort}${downloadPath}`;
const redirectTo = (target: string): string =>
  `https://contoso.sharepoint.com:${port}/redirect?to=${encodeURIComponent(target)}`;

describe('downloading evidence only from Teams file hosts', () => {
  it.each([
    'contoso.sharepoint.com',
    'contoso-my.sharepoint.com',
    'contoso.sharepoint.us',
    'contoso-my.sharepoint.us',
    'contoso.sharepoint-mil.us',
    'contoso.dps.mil',
    'contoso.sharepoint.cn',
    'CONTOSO-MY.SharePoint.com.',
  ])('downloads from %s, over https to the address its name resolved to', async (host) => {
    const result = await downloadEvidenceFile(
      { name: 'export.json', downloadUrl: at(host) },
      production(),
    );
    expect(result).toEqual({
      ok: true,
      file: {
        name: 'export.json',
        bytes: Buffer.from(JSON.stringify(exportJson)),
        contentType: 'application/json',
      },
    });
    expect(lookups).toEqual([host.toLowerCase()]);
    expect(sharePoint.requests.at(-1)?.headers.host).toBe(`${host.toLowerCase()}:${port}`);
  });

  it('refuses a look-alike host before resolving its name or connecting', async () => {
    const connections = sharePoint.connections;
    for (const host of [
      'evil-sharepoint.com',
      'sharepoint.com.evil.example',
      'contoso.sharepoint.com.evil.example',
      'sharepoint.com',
      'contoso.sharepoint.co',
      'onedrive.live.com',
      'localhost',
    ]) {
      expect(await problemOf(at(host))).toEqual(refusal('host-not-allowed'));
    }
    expect(await problemOf(`http://contoso.sharepoint.com:${port}${downloadPath}`)).toEqual(
      refusal('insecure-host'),
    );
    expect(lookups).toEqual([]);
    expect(sharePoint.connections).toBe(connections);
  });

  it.each([
    'https://127.0.0.1',
    'https://2130706433',
    'https://0x7f000001',
    'https://0x7f.1',
    'https://0177.0.0.1',
    'https://127.1',
    'https://0',
    'https://[::1]',
    'https://[::ffff:127.0.0.1]',
    'https://[::ffff:7f00:1]',
    'https://169.254.169.254',
    'https://2852039166',
    'https://0xa9fea9fe',
    'https://0251.0376.0251.0376',
    'https://169.254.43518',
    'https://[::ffff:a9fe:a9fe]',
    'https://[64:ff9b::a9fe:a9fe]',
    'https://10.0.0.1',
    'https://192.168.0.1',
  ])('refuses the address written %s, in any notation, as no Teams host', async (origin) => {
    const connections = sharePoint.connections + forbidden.connections;
    expect(await problemOf(`${origin}:${port}${downloadPath}`)).toEqual(
      refusal('host-not-allowed'),
    );
    expect(sharePoint.connections + forbidden.connections).toBe(connections);
  });

  it.each([
    ['rebound.sharepoint.com', 'loopback'],
    ['metadata.sharepoint.com', 'the metadata address'],
    ['private.sharepoint.com', 'a private address'],
    ['mapped.sharepoint.com', 'IPv4-mapped loopback'],
    ['nat64.sharepoint.com', 'NAT64 of the metadata address'],
    ['ula.sharepoint.com', 'a unique local IPv6 address'],
  ])('refuses %s, whose name resolves to %s, without connecting', async (host) => {
    expect(await problemOf(at(host, forbiddenPort))).toEqual(refusal('address-not-allowed'));
    expect(lookups).toEqual([host]);
    expect(forbidden.connections).toBe(0);
  });

  it('resolves a name once and connects to the address it checked, so DNS cannot rebind it', async () => {
    expect(await problemOf(at('flip.sharepoint.com'))).toBe('ok');
    expect(lookups).toEqual(['flip.sharepoint.com']);
    expect(sharePoint.requests.at(-1)?.headers.host).toBe(`flip.sharepoint.com:${port}`);
    expect(forbidden.connections).toBe(0);
  });

  it('refuses a name that resolves to several addresses when any one of them is special', async () => {
    const connections = sharePoint.connections;
    expect(await problemOf(at('mixed.sharepoint.com'))).toEqual(refusal('address-not-allowed'));
    expect(await problemOf(at('mixed-v6.sharepoint.com'))).toEqual(refusal('address-not-allowed'));
    expect(sharePoint.connections).toBe(connections);
  });

  it('checks every redirect on the same terms, before connecting to it', async () => {
    const sharePointRequests = sharePoint.requests.length;
    expect(await problemOf(redirectTo(at('contoso-my.sharepoint.com')))).toBe('ok');
    expect(await problemOf(redirectTo(at('rebound.sharepoint.com', forbiddenPort)))).toEqual(
      refusal('address-not-allowed'),
    );
    expect(await problemOf(redirectTo(at('metadata.sharepoint.com')))).toEqual(
      refusal('address-not-allowed'),
    );
    expect(await problemOf(redirectTo(at('sharepoint.com.evil.example')))).toEqual(
      refusal('host-not-allowed'),
    );
    expect(await problemOf(redirectTo(`https://127.0.0.2:${forbiddenPort}/x`))).toEqual(
      refusal('host-not-allowed'),
    );
    expect(await problemOf(redirectTo('https://169.254.169.254/latest/meta-data/'))).toEqual(
      refusal('host-not-allowed'),
    );
    expect(await problemOf(redirectTo(`http://127.0.0.1:${port}/x`))).toEqual(
      refusal('insecure-host'),
    );
    expect(forbidden.connections).toBe(0);
    // Each refused hop was asked for by SharePoint's redirect, and nothing more reached it.
    expect(sharePoint.requests.length - sharePointRequests).toBe(8);
  });

  it('logs a refused link by reason and host only, never its path or token', async () => {
    await problemOf(redirectTo(at('metadata.sharepoint.com')));
    await problemOf(at('sharepoint.com.evil.example'));
    await problemOf(`ftp://contoso.sharepoint.com/x?${TOKEN}`);
    expect(logged).toEqual([
      {
        message: 'Evidence file link refused',
        fields: { reason: 'address-not-allowed', host: 'metadata.sharepoint.com' },
      },
      {
        message: 'Evidence file link refused',
        fields: { reason: 'host-not-allowed', host: 'sharepoint.com.evil.example' },
      },
      {
        message: 'Evidence file link refused',
        fields: { reason: 'scheme', host: 'contoso.sharepoint.com' },
      },
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/secret-token|download\.aspx|meta-data/);
  });

  it('reports a name that does not resolve, or resolves to nothing, as unreachable', async () => {
    expect(await problemOf(at('unknown.sharepoint.com'))).toEqual({ kind: 'unreachable' });
    expect(await problemOf(at('empty.sharepoint.com'))).toEqual({ kind: 'unreachable' });
  });

  it('gives up on a name that takes longer than the timeout to resolve', async () => {
    expect(await problemOf(at('slow.sharepoint.com'), { ...production(), timeoutMs: 200 })).toEqual(
      { kind: 'timeout', timeoutMs: 200 },
    );
  });
});

describe('downloading evidence in local mode', () => {
  it('accepts 127.0.0.1, where the local runtime serves uploads, in any notation the URL parser reads', async () => {
    const localPort = new URL(localFiles.origin).port;
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '127.1']) {
      expect(await problemOf(`http://${host}:${localPort}/download/1/export.json`, local())).toBe(
        'ok',
      );
    }
    expect(lookups).toEqual([]);
  });

  it('accepts no other loopback or special host, and still the Teams hosts', async () => {
    const localPort = new URL(localFiles.origin).port;
    expect(await problemOf(`http://localhost:${localPort}/download/1/x`, local())).toEqual(
      refusal('insecure-host'),
    );
    expect(await problemOf(`http://[::1]:${localPort}/download/1/x`, local())).toEqual(
      refusal('insecure-host'),
    );
    expect(await problemOf(`https://127.0.0.2:${forbiddenPort}/x`, local())).toEqual(
      refusal('host-not-allowed'),
    );
    expect(await problemOf('https://0251.0376.0251.0376/latest/meta-data/', local())).toEqual(
      refusal('host-not-allowed'),
    );
    expect(await problemOf(at('rebound.sharepoint.com', forbiddenPort), local())).toEqual(
      refusal('address-not-allowed'),
    );
    expect(await problemOf(at('contoso-my.sharepoint.com'), local())).toBe('ok');
    expect(forbidden.connections).toBe(0);
  });
});
