// Runs a command inside a network namespace that has only loopback, so nothing it starts (such as
// the Agents Playground with its bundled telemetry) can reach the internet. Falls back to a plain
// run where the OS does not allow namespaces. Used by `npm test` and `npm run bench`.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';

// `ip` lives in /usr/sbin, which an ordinary user's PATH on Debian often lacks.
const bringUpLoopback = 'PATH="$PATH:/usr/sbin:/sbin" ip link set lo up';

// --pid --fork --mount-proc: every process the command starts ends with the namespace.
// --kill-child: if this script is killed, the namespace's first process gets SIGKILL and takes the
// rest along.
const namespaceFlags = ['--net', '--pid', '--fork', '--mount-proc', '--kill-child'];
// An ordinary user needs a user namespace (mapped to root inside) to own the network namespace.
const unshareFlags =
  process.getuid?.() === 0 ? namespaceFlags : ['--user', '--map-root-user', ...namespaceFlags];

function probe(flags) {
  const result = spawnSync('unshare', [...flags, '--', 'sh', '-c', bringUpLoopback], {
    stdio: 'ignore',
    timeout: 5000,
  });
  return result.status === 0;
}

function run(command, args, options, onTerminate, onExit) {
  const child = spawn(command, args, { ...options, stdio: 'inherit' });
  process.on('SIGINT', () => {
    // Ctrl+C reaches the command directly (same process group); this script only has to outlive it.
  });
  process.on('SIGTERM', () => {
    child.kill(onTerminate);
  });
  child.on('exit', (code, signal) => {
    onExit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
  });
  child.on('error', (error) => {
    console.error(`could not start ${command}: ${error.message}`);
    process.exit(1);
  });
}

/**
 * Runs `command args` loopback-only (LOOPBACK_ONLY=1 in its environment), or, where namespaces are
 * not allowed, plainly after saying so. `onExit` gets the exit code.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, what: string, onExit: (code: number) => void }} options
 */
export function runLoopbackOnly(command, args, { cwd, what, onExit }) {
  if (probe(unshareFlags)) {
    const inner = `${bringUpLoopback} && exec "$0" "$@"`;
    // unshare does not pass SIGTERM on, and the command as the namespace's pid 1 would not get it
    // anyway; killing unshare makes --kill-child end the whole namespace.
    const args2 = [...unshareFlags, '--', 'sh', '-c', inner, command, ...args];
    run('unshare', args2, { cwd, env: { ...process.env, LOOPBACK_ONLY: '1' } }, 'SIGKILL', onExit);
  } else {
    console.log(`${what} without network isolation (no network namespace available here).`);
    const { LOOPBACK_ONLY: _ignored, ...env } = process.env;
    run(command, args, { cwd, env }, 'SIGTERM', onExit);
  }
}
