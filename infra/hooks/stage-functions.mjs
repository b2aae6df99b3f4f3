// azd's prepackage hook for the service `bot`: builds the deployment package with
// `npm run package:functions` and unpacks it into .dist/functions/, the folder azure.yaml names
// as `dist`, so that azd deploys exactly what a deploy without azd would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const zip = path.join(projectRoot, '.dist', 'functions.zip');
const staged = path.join(projectRoot, '.dist', 'functions');

const build = spawnSync('npm', ['run', '--silent', 'package:functions'], {
  cwd: projectRoot,
  stdio: 'inherit',
  // npm is npm.cmd on Windows, which only a shell starts.
  shell: process.platform === 'win32',
});
if (build.status !== 0) {
  console.error('npm run package:functions failed: nothing was staged for azd.');
  process.exit(build.status ?? 1);
}

rmSync(staged, { recursive: true, force: true });
let files = 0;
for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
  if (name.endsWith('/')) continue;
  const target = path.resolve(staged, name);
  // A zip entry must stay inside the staging folder.
  if (!target.startsWith(staged + path.sep)) {
    console.error(
      `${path.relative(projectRoot, zip)}: entry "${name}" points outside the package.`,
    );
    process.exit(1);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  files += 1;
}
console.log(`Staged ${files} files in ${path.relative(projectRoot, staged)} for azd.`);
