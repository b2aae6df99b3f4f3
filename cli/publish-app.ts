// npm run publish:app [-- --submit-for-review] [-- package.zip]: publishes the Teams app package to
// the organisation's app catalog (publish-app-command.ts). Exit 0 when published, submitted or
// already there; 1 with the reason when it was not.
import { publishApp } from './publish-app-command';

publishApp(process.argv.slice(2))
  .then((exitCode) => {
    process.exitCode = exitCode;
  })
  .catch((error: unknown) => {
    console.error('publish-app: internal error (a bug, please report it):', error);
    process.exit(1);
  });
