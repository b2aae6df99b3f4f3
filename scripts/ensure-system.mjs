// Makes sure the Debian packages that the tests and the local tools need are installed: Chromium
// (Playwright drives it; its own browser downloads are never used), the colour emoji font (card
// text uses emoji) and libfaketime (days pass on the real Durable engine by moving the wall clock
// of its processes). Installs them with apt-get as root, or through sudo when sudo works without a
// password; otherwise stops with the one command to run, before anything else starts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const EMOJI_FONT_PACKAGE = 'fonts-noto-color-emoji';
export const LIBFAKETIME_PACKAGE = 'libfaketime';
export const PACKAGES = ['chromium', EMOJI_FONT_PACKAGE, LIBFAKETIME_PACKAGE];

const multiarch =
  { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[process.arch] ?? 'x86_64-linux-gnu';
/**
 * Where Debian's libfaketime puts the library that LD_PRELOAD loads: its thread-safe build. The
 * .NET host and Node read the clock from many threads, and with the plain build some reads of a
 * busy process came back unshifted for seconds on end (real-date stamps among shifted ones).
 */
export const LIBFAKETIME_PATH =
  process.env.LIBFAKETIME_PATH || `/usr/lib/${multiarch}/faketime/libfaketimeMT.so.1`;
export const INSTALL_COMMAND = `sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(' ')}`;

/**
 * @typedef {{ action: 'none' } | { action: 'install', missing: string[], prefix: string[] } | { action: 'stop', missing: string[], message: string }} SystemPlan
 */

/**
 * What to do, from what this machine has. `missing` lists the Debian packages to install; `runAs`
 * is how apt-get can run ('root', 'sudo' or 'none').
 * @param {{ chromium: boolean, emojiFont: boolean, libfaketime: boolean, runAs: 'root' | 'sudo' | 'none' }} machine
 * @returns {SystemPlan}
 */
export function planSystemPackages(machine) {
  const missing = [];
  if (!machine.chromium) missing.push('chromium');
  if (!machine.emojiFont) missing.push(EMOJI_FONT_PACKAGE);
  if (!machine.libfaketime) missing.push(LIBFAKETIME_PACKAGE);
  if (missing.length === 0) return { action: 'none' };
  if (machine.runAs === 'root') return { action: 'install', missing, prefix: [] };
  if (machine.runAs === 'sudo') return { action: 'install', missing, prefix: ['sudo', '-n'] };
  return {
    action: 'stop',
    missing,
    message:
      `The browser tests, the card pictures and the real Durable engine's clock need Debian's ` +
      `${missing.join(' and ')}, which ` +
      `${missing.length === 1 ? 'is' : 'are'} not installed, and this user can neither run ` +
      `apt-get nor sudo without a password. Install ${missing.length === 1 ? 'it' : 'them'} once ` +
      `with:\n\n  ${INSTALL_COMMAND}\n\nthen run the command again. Nothing else was started.`,
  };
}

function installed(debianPackage) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', debianPackage], {
    encoding: 'utf8',
  });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function runAs() {
  if (process.getuid?.() === 0) return 'root';
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? 'sudo' : 'none';
}

function run(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    throw new Error(
      `${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal}); ` +
        `install the packages with: ${INSTALL_COMMAND}`,
    );
  }
}

/**
 * Checks the machine and installs what is missing of `wanted` (default: every package above);
 * returns the process exit code (0 or 1).
 * @param {readonly string[]} [wanted]
 */
export function ensureSystemPackages(wanted = PACKAGES) {
  const unknown = wanted.filter((name) => !PACKAGES.includes(name));
  if (unknown.length > 0) {
    console.error(
      `\nerror: no such package here: ${unknown.join(', ')} (known: ${PACKAGES.join(', ')})\n`,
    );
    return 1;
  }
  const has = (name, present) => !wanted.includes(name) || present();
  const plan = planSystemPackages({
    chromium: has('chromium', () => existsSync(CHROMIUM_PATH)),
    emojiFont: has(EMOJI_FONT_PACKAGE, () => installed(EMOJI_FONT_PACKAGE)),
    libfaketime: has(LIBFAKETIME_PACKAGE, () => existsSync(LIBFAKETIME_PATH)),
    runAs: runAs(),
  });
  if (plan.action === 'none') return 0;
  if (plan.action === 'stop') {
    console.error(`\nerror: ${plan.message}\n`);
    return 1;
  }
  console.log(`Installing Debian packages the tests need: ${plan.missing.join(', ')}`);
  try {
    const apt = [...plan.prefix, 'apt-get'];
    run(apt[0], [...apt.slice(1), 'update']);
    run(apt[0], [...apt.slice(1), 'install', '-y', ...plan.missing]);
  } catch (error) {
    console.error(`\nerror: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  for (const [name, file] of [
    ['chromium', CHROMIUM_PATH],
    [LIBFAKETIME_PACKAGE, LIBFAKETIME_PATH],
  ]) {
    if (plan.missing.includes(name) && !existsSync(file)) {
      console.error(`\nerror: ${name} was installed but ${file} is still missing.\n`);
      return 1;
    }
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const wanted = process.argv.slice(2);
  process.exitCode = ensureSystemPackages(wanted.length === 0 ? PACKAGES : wanted);
}
