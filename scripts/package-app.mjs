// Builds the Teams app package: substitutes the ${{NAME}} placeholders in appPackage/manifest.json,
// validates the result against the manifest schema bundled in @microsoft/app-manifest (offline),
// and zips it with the two icons.
//
//   npm run package:app [-- out.zip]
//
// Values come from the environment first, then from the azd environment of the project in the
// current folder (.azure/<AZURE_ENV_NAME or the default environment>/.env, where `azd up` writes
// the deployment's outputs such as BOT_ID). TEAMS_APP_ID defaults to an id derived from BOT_ID, so
// packaging again gives the same app (an upload then updates it instead of adding a second one);
// APP_NAME_SUFFIX defaults to empty.
//
// The zip goes to appPackage/build/appPackage.zip unless a path is given.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { zipSync } from 'fflate';

const appPackageDir = fileURLToPath(new URL('../appPackage/', import.meta.url));
const icons = ['color.png', 'outline.png'];

/** Teams Toolkit placeholder syntax: ${{NAME}}. */
const placeholder = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message) {
  console.error(`package-app: ${message}`);
  process.exit(1);
}

/** The azd environment's values, with where they came from; none when the folder has no azd project. */
function azdEnvironment(projectDir) {
  const azureDir = join(projectDir, '.azure');
  if (!existsSync(azureDir)) return undefined;
  let name = process.env.AZURE_ENV_NAME;
  if (name === undefined || name === '') {
    const configPath = join(azureDir, 'config.json');
    if (!existsSync(configPath)) return undefined;
    try {
      name = JSON.parse(readFileSync(configPath, 'utf8')).defaultEnvironment;
    } catch (error) {
      fail(`${configPath} is not valid JSON: ${error.message}`);
    }
    if (typeof name !== 'string' || name === '') return undefined;
  }
  const file = join(azureDir, name, '.env');
  if (!existsSync(file)) {
    fail(`the azd environment "${name}" has no ${file}; run azd up (or azd env refresh) first.`);
  }
  return { name, file, values: parseEnv(readFileSync(file, 'utf8')) };
}

/** A stable Teams app id for a bot: a name-based UUID (RFC 9562 version 5) of the bot id. */
function teamsAppIdFor(botId) {
  // The namespace is this app's own: the same bot id always gives the same app id.
  const namespace = Buffer.from('5b0c8f5e6f2a4b9e8d1c3a7e9f0b2d4c', 'hex');
  const hash = createHash('sha1')
    .update(Buffer.concat([namespace, Buffer.from(botId.toLowerCase(), 'utf8')]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The placeholder values: the environment wins over the azd environment; then the defaults. */
function placeholderValues(names, azd) {
  const values = {};
  for (const name of names) {
    const value = process.env[name] ?? azd?.values[name];
    if (value !== undefined) values[name] = value;
  }
  if (names.includes('APP_NAME_SUFFIX')) values.APP_NAME_SUFFIX ??= '';
  if (names.includes('TEAMS_APP_ID') && values.TEAMS_APP_ID === undefined && values.BOT_ID) {
    values.TEAMS_APP_ID = teamsAppIdFor(values.BOT_ID);
  }
  // Without a bot id the Teams app id cannot be derived either: the bot id is what to ask for.
  const derivable = (name) => name === 'TEAMS_APP_ID' && values.BOT_ID === undefined;
  const missing = names.filter((name) => values[name] === undefined && !derivable(name));
  if (missing.length > 0) {
    const where =
      azd === undefined
        ? 'set them in the environment, or run this in an azd project after azd up'
        : `set them in the environment or in the azd environment "${azd.name}" (azd env set NAME value)`;
    fail(
      `no value for ${missing.join(', ')} (placeholders in appPackage/manifest.json): ${where}.`,
    );
  }
  for (const name of ['BOT_ID', 'TEAMS_APP_ID']) {
    if (values[name] !== undefined && !guid.test(values[name])) {
      fail(`${name} must be a GUID; it is "${values[name]}".`);
    }
  }
  return values;
}

function substitute(template, values) {
  // Values land inside JSON strings: escape them as JSON would.
  return template.replace(placeholder, (_, name) => JSON.stringify(values[name]).slice(1, -1));
}

async function validate(manifest) {
  const require = createRequire(import.meta.url);
  const { AppManifestUtils } = require('@microsoft/app-manifest');
  const schemaPath = join(
    dirname(require.resolve('@microsoft/app-manifest')),
    'json-schemas',
    'teams',
    `v${manifest.manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
  let schema;
  try {
    schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  } catch (error) {
    fail(
      `no bundled schema for manifestVersion ${manifest.manifestVersion} (${schemaPath}): ${error.message}`,
    );
  }
  // Passing the schema keeps validation offline; without it the library may fetch $schema.
  const errors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  if (errors.length > 0) {
    fail(
      `manifest.json does not match the v${manifest.manifestVersion} schema:\n  ${errors.join('\n  ')}`,
    );
  }
}

const out = resolve(process.argv[2] ?? join(appPackageDir, 'build', 'appPackage.zip'));
const template = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
const names = [...new Set([...template.matchAll(placeholder)].map((m) => m[1]))];
const azd = azdEnvironment(process.cwd());
const values = placeholderValues(names, azd);
const manifestText = substitute(template, values);
await validate(JSON.parse(manifestText));
// The DOS epoch as every entry's time, so the same inputs give the same bytes.
const mtime = new Date(1980, 0, 1);
const entries = {
  'manifest.json': [Buffer.from(manifestText, 'utf8'), { mtime }],
  ...Object.fromEntries(
    icons.map((name) => [name, [readFileSync(join(appPackageDir, name)), { mtime }]]),
  ),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zipSync(entries, { level: 9 }));
const source = azd === undefined ? 'the environment' : `the azd environment "${azd.name}"`;
console.log(
  `package-app: wrote ${out} for bot ${values.BOT_ID} (Teams app ${values.TEAMS_APP_ID}) from ${source}`,
);
console.log(
  'Upload it in the Teams admin center (Manage apps > Upload new app), or sideload it in Teams (Apps > Manage your apps > Upload an app).',
);
