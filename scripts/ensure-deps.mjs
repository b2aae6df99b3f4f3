// Installs dependencies when node_modules is missing, so `npm start` and `npm test` work right after a clone.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync(new URL('../node_modules/.package-lock.json', import.meta.url))) {
  console.log('node_modules is missing: running npm ci');
  execSync('npm ci --no-audit --no-fund', {
    stdio: 'inherit',
    cwd: new URL('..', import.meta.url),
  });
}
