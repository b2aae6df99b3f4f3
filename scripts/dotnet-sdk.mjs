// What the tools built or installed with the machine's .NET SDK share: the command that installs
// the SDK, the environment that keeps `dotnet` quiet, the SDK's major version, and the error lines
// of a failed `dotnet` run.
import { spawnSync } from 'node:child_process';

/** The .NET SDK: the current long-term support release, from Microsoft's feed. */
export const DOTNET_INSTALL_COMMAND =
  'wget https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb -O /tmp/packages-microsoft-prod.deb' +
  ' && sudo dpkg -i /tmp/packages-microsoft-prod.deb && sudo apt-get update && sudo apt-get install -y dotnet-sdk-10.0';

/** No telemetry, banners, first-run work or update checks. */
export const QUIET_DOTNET_ENV = {
  DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  DOTNET_NOLOGO: '1',
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1',
  DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: '1',
};

/**
 * The SDK's major version ("10"), or why there is none: `missing` when `dotnet` does not run
 * here, `unreadable` (with what it printed) when its version makes no sense.
 * @returns {{ ok: true, major: string } | { ok: false, reason: 'missing' } | { ok: false, reason: 'unreadable', printed: string }}
 */
export function dotnetSdkMajor() {
  const result = spawnSync('dotnet', ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, ...QUIET_DOTNET_ENV },
  });
  if (result.error || result.status !== 0) return { ok: false, reason: 'missing' };
  const printed = result.stdout.trim();
  const major = /^(\d+)\./.exec(printed)?.[1];
  return major === undefined ? { ok: false, reason: 'unreadable', printed } : { ok: true, major };
}

/**
 * The error lines of a failed `dotnet` run (NuGet's NU1301, a compiler's CS1002 and the like),
 * each once, without the progress noise; or the exit code when it printed none.
 * @param {{ error?: Error, status: number | null, stdout?: string | null, stderr?: string | null }} run
 * @returns {string} to follow "failed", starting with " (" or ":\n"
 */
export function dotnetErrors(run) {
  if (run.error) return ` (${run.error.message}).`;
  const lines = `${run.stdout ?? ''}\n${run.stderr ?? ''}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /\berror\b/i.test(line));
  const unique = [...new Set(lines)].slice(0, 5);
  return unique.length === 0
    ? ` (exit code ${String(run.status)}).`
    : `:\n${unique.map((line) => `  ${line}`).join('\n')}`;
}
