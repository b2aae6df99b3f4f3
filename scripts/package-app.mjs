// npm run package:app [-- out.zip]: builds the Teams app package (scripts/app-package.mjs) and
// writes it to appPackage/build/appPackage.zip unless a path is given.
import { AppPackageError, buildAppPackage } from './app-package.mjs';

try {
  const built = await buildAppPackage({ out: process.argv[2] });
  console.log(
    `package-app: wrote ${built.out} for bot ${built.botId} (Teams app ${built.teamsAppId}, version ${built.version}${built.changed ? '' : ', unchanged'}) from ${built.source}`,
  );
  console.log(
    'Publish it with npm run publish:app, or upload it in the Teams admin center (Manage apps > Upload new app), or sideload it in Teams (Apps > Manage your apps > Upload an app).',
  );
} catch (error) {
  if (!(error instanceof AppPackageError)) throw error;
  console.error(`package-app: ${error.message.replaceAll('\n', '\npackage-app: ')}`);
  process.exitCode = 1;
}
