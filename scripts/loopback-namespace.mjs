// A network namespace that has only loopback, so nothing run inside it (and no tool it starts) can
// reach the internet: `unshare` with a fresh network, pid and mount namespace, loopback brought up.
import { spawnSync } from 'node:child_process';

// `ip` lives in /usr/sbin, which an ordinary user's PATH on Debian often lacks.
const bringUpLoopback = 'PATH="$PATH:/usr/sbin:/sbin" ip link set lo up';

// --pid --fork --mount-proc: every process started inside ends with the namespace. --kill-child:
// if unshare is killed, the namespace's first process gets SIGKILL and takes the rest along.
const namespaceFlags = ['--net', '--pid', '--fork', '--mount-proc', '--kill-child'];

/**
 * The command and arguments that run `command args...` inside a loopback-only namespace, or
 * undefined where the OS does not allow one. Killing the returned command (SIGKILL: unshare does
 * not pass SIGTERM on) ends everything inside.
 */
export function inLoopbackNamespace(command, args) {
  // An ordinary user needs a user namespace (mapped to root inside) to own the network namespace.
  const flags =
    process.getuid?.() === 0 ? namespaceFlags : ['--user', '--map-root-user', ...namespaceFlags];
  const probe = spawnSync('unshare', [...flags, '--', 'sh', '-c', bringUpLoopback], {
    stdio: 'ignore',
    timeout: 5000,
  });
  if (probe.status !== 0) return undefined;
  const inner = `${bringUpLoopback} && exec "$0" "$@"`;
  return { command: 'unshare', args: [...flags, '--', 'sh', '-c', inner, command, ...args] };
}
