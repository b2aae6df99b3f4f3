import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { captureOutput, exitPromise, terminate } from './child-process';
import { freePort } from './free-port';

/** The emulator's fixed development account (documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface AzuriteOptions {
  /** Workspace folder for the emulator's data; with `inMemory` it is only the working directory. */
  location: string;
  inMemory?: boolean;
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  logger?: AzuriteLogger;
  /** How long to wait for all three services to accept connections (default 30 s). */
  startTimeoutMs?: number;
  /** Serve https with this PEM certificate and key instead of plain http (OAuth needs https). */
  tls?: { certPath: string; keyPath: string };
  /**
   * Also accept bearer tokens, as `--oauth basic` checks them: issuer, audience and lifetime, not
   * the signature. Needs `tls`.
   */
  oauth?: 'basic';
  /** Write the emulator's debug log (every request and how it was authenticated) to this file. */
  debugLogPath?: string;
  /** Environment variables for the emulator's process, over this one's (a shifted wall clock, say). */
  env?: Readonly<Record<string, string>>;
}

export interface AzuritePorts {
  blob: number;
  queue: number;
  table: number;
}

export interface RunningAzurite {
  connectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  ports: AzuritePorts;
  pid: number;
  /** Stops the emulator and resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Raised when the emulator does not come up; the message carries the tail of its output. */
export class AzuriteStartError extends Error {
  override name = 'AzuriteStartError';
}

const PORT_POLL_MS = 50;
const PORT_CLASH_RETRIES = 3;

/** Starts Azurite (blob, queue and table) on loopback and resolves once all three accept connections. */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  const portsGiven =
    options.blobPort !== undefined &&
    options.queuePort !== undefined &&
    options.tablePort !== undefined;
  for (let attempt = 1; ; attempt++) {
    const ports = await choosePorts(options);
    try {
      return await launch(options, ports);
    } catch (error) {
      // Free ports are only free until someone binds them; a clash on ports we picked is worth a retry.
      const clash = error instanceof AzuriteStartError && error.message.includes('EADDRINUSE');
      if (!clash || portsGiven || attempt >= PORT_CLASH_RETRIES) throw error;
      options.logger?.info(`Azurite port clash on attempt ${attempt}; retrying on new ports`);
    }
  }
}

/** Builds a connection string with explicit loopback endpoints for the development account. */
export function azuriteConnectionString(
  ports: AzuritePorts,
  protocol: 'http' | 'https' = 'http',
): string {
  return [
    `DefaultEndpointsProtocol=${protocol}`,
    `AccountName=${AZURITE_ACCOUNT_NAME}`,
    `AccountKey=${AZURITE_ACCOUNT_KEY}`,
    `BlobEndpoint=${endpoint(ports.blob, protocol)}`,
    `QueueEndpoint=${endpoint(ports.queue, protocol)}`,
    `TableEndpoint=${endpoint(ports.table, protocol)}`,
  ].join(';');
}

function endpoint(port: number, protocol: 'http' | 'https'): string {
  return `${protocol}://127.0.0.1:${port}/${AZURITE_ACCOUNT_NAME}`;
}

async function choosePorts(options: AzuriteOptions): Promise<AzuritePorts> {
  const taken = new Set<number>();
  const pick = async (given: number | undefined): Promise<number> => {
    if (given !== undefined) {
      taken.add(given);
      return given;
    }
    // Each probe socket is closed before the next is opened, so the kernel may hand out a port twice.
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  const blob = await pick(options.blobPort);
  const queue = await pick(options.queuePort);
  const table = await pick(options.tablePort);
  return { blob, queue, table };
}

function azuriteCliPath(): string {
  const packageJsonPath = require.resolve('azurite/package.json');
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    bin?: { azurite?: unknown };
  };
  const bin = manifest.bin?.azurite;
  if (typeof bin !== 'string') throw new Error(`No "azurite" bin in ${packageJsonPath}`);
  return path.join(path.dirname(packageJsonPath), bin);
}

async function launch(options: AzuriteOptions, ports: AzuritePorts): Promise<RunningAzurite> {
  if (options.oauth !== undefined && options.tls === undefined) {
    // Azurite refuses bearer tokens over http, so OAuth without TLS could never authenticate.
    throw new AzuriteStartError('Azurite needs tls for oauth');
  }
  await mkdir(options.location, { recursive: true });
  const args = [
    azuriteCliPath(),
    '--blobHost',
    '127.0.0.1',
    '--queueHost',
    '127.0.0.1',
    '--tableHost',
    '127.0.0.1',
    '--blobPort',
    String(ports.blob),
    '--queuePort',
    String(ports.queue),
    '--tablePort',
    String(ports.table),
    '--skipApiVersionCheck',
    '--loose',
    '--silent',
    '--disableProductStyleUrl',
    // Without this Azurite sends usage data to Application Insights on the internet.
    '--disableTelemetry',
  ];
  // Azurite 3.35 exits with "not supported" when both --inMemoryPersistence and --location are set.
  if (options.inMemory === true) args.push('--inMemoryPersistence');
  else args.push('--location', options.location);
  if (options.tls !== undefined) {
    args.push('--cert', options.tls.certPath, '--key', options.tls.keyPath);
  }
  if (options.oauth !== undefined) args.push('--oauth', options.oauth);
  if (options.debugLogPath !== undefined) args.push('--debug', options.debugLogPath);
  const protocol = options.tls === undefined ? 'http' : 'https';

  const child = spawn(process.execPath, args, {
    cwd: options.location,
    env: { ...process.env, ...options.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const exited = exitPromise(child);
  const killOnParentExit = (): void => {
    // Only synchronous work is possible here; SIGTERM lets Azurite flush its database on its own.
    child.kill('SIGTERM');
  };
  process.on('exit', killOnParentExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnParentExit);
    await terminate(child, exited);
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const started = Date.now();
  let exitedEarly = false;
  try {
    await Promise.race([
      waitForPorts([ports.blob, ports.queue, ports.table], started + timeoutMs, () => exitedEarly),
      exited.then((code) => {
        exitedEarly = true;
        throw new AzuriteStartError(`Azurite exited during start (${code}).\n${output.tail()}`);
      }),
    ]);
  } catch (error) {
    await stop();
    if (error instanceof AzuriteStartError) throw error;
    throw new AzuriteStartError(`Azurite did not start within ${timeoutMs} ms.\n${output.tail()}`, {
      cause: error,
    });
  }

  const pid = child.pid;
  if (pid === undefined) throw new AzuriteStartError('Azurite started without a pid');
  options.logger?.info(
    `Azurite on 127.0.0.1 blob ${ports.blob}, queue ${ports.queue}, table ${ports.table} (${Date.now() - started} ms)`,
  );
  void exited.then((code) => {
    if (!child.killed)
      options.logger?.error(`Azurite exited unexpectedly (${code}).\n${output.tail()}`);
  });

  return {
    connectionString: azuriteConnectionString(ports, protocol),
    blobEndpoint: endpoint(ports.blob, protocol),
    queueEndpoint: endpoint(ports.queue, protocol),
    tableEndpoint: endpoint(ports.table, protocol),
    ports,
    pid,
    stop,
  };
}

async function waitForPorts(
  ports: number[],
  deadline: number,
  givenUp: () => boolean,
): Promise<void> {
  for (const port of ports) {
    while (!(await acceptsConnections(port))) {
      if (givenUp()) return;
      if (Date.now() > deadline) throw new Error(`port ${port} never accepted a connection`);
      await new Promise((resolve) => setTimeout(resolve, PORT_POLL_MS));
    }
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
