import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A test CA, a TLS certificate for 127.0.0.1 it signed, and an app certificate for MSAL. */
export interface TestCertificates {
  /** The CA certificate, to trust through NODE_EXTRA_CA_CERTS. */
  readonly caPath: string;
  readonly tls: { readonly key: string; readonly cert: string };
  /** The same TLS key and certificate as files, for servers that read them (Azurite). */
  readonly tlsPaths: { readonly keyPath: string; readonly certPath: string };
  /** The app registration's certificate credential: PEM private key file and certificate. */
  readonly appKeyPath: string;
  readonly appCertificate: string;
}

function openssl(args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { stdio: 'ignore' });
  } catch (error: unknown) {
    throw new Error('The openssl command is needed to make the loopback test certificates.', {
      cause: error,
    });
  }
}

/**
 * Makes the certificates in `dir` with openssl; they are valid for a day. The TLS certificate is
 * for 127.0.0.1 and for `dnsNames` (wildcards allowed), for a stand-in reached by a host name.
 */
export function createTestCertificates(
  dir: string,
  dnsNames: readonly string[] = [],
): TestCertificates {
  const path = (name: string): string => join(dir, name);
  const selfSigned = (name: string, subject: string, extensions: readonly string[]): void => {
    openssl(
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', subject]
        .concat(['-keyout', path(`${name}-key.pem`), '-out', path(`${name}-cert.pem`)])
        .concat(extensions.flatMap((extension) => ['-addext', extension])),
    );
  };
  selfSigned('ca', '/CN=Loopback test CA', [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign',
  ]);
  openssl(
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      path('tls-key.pem'),
      '-out',
      path('tls.csr'),
    ]),
  );
  const altNames = ['IP:127.0.0.1', ...dnsNames.map((name) => `DNS:${name}`)].join(',');
  writeFileSync(path('tls.ext'), `subjectAltName=${altNames}\nextendedKeyUsage=serverAuth\n`);
  openssl(
    ['x509', '-req', '-in', path('tls.csr'), '-days', '1', '-CA', path('ca-cert.pem')]
      .concat(['-CAkey', path('ca-key.pem'), '-CAcreateserial', '-extfile', path('tls.ext')])
      .concat(['-out', path('tls-cert.pem')]),
  );
  selfSigned('app', '/CN=Loopback test app', []);
  return {
    caPath: path('ca-cert.pem'),
    tls: {
      key: readFileSync(path('tls-key.pem'), 'utf8'),
      cert: readFileSync(path('tls-cert.pem'), 'utf8'),
    },
    tlsPaths: { keyPath: path('tls-key.pem'), certPath: path('tls-cert.pem') },
    appKeyPath: path('app-key.pem'),
    appCertificate: readFileSync(path('app-cert.pem'), 'utf8'),
  };
}
