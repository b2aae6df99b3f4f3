import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { TestCertificates } from './test-certificates';

/**
 * Runs a TypeScript main in a child process that trusts the test CA (NODE_EXTRA_CA_CERTS, which
 * Node reads only at start-up) and knows the loopback TLS key and certificate (TEST_TLS_KEY,
 * TEST_TLS_CERT); returns what it printed on stdout.
 */
export async function runWithTestCa(main: string, certificates: TestCertificates): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', main], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: certificates.caPath,
      TEST_TLS_KEY: certificates.tlsPaths.keyPath,
      TEST_TLS_CERT: certificates.tlsPaths.certPath,
    },
  });
  return stdout;
}
