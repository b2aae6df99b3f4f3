// The Teams app package, built from appPackage/: the ${{NAME}} placeholders of manifest.json
// filled from the environment or the azd environment, a version that grows whenever the package
// changes, validation against the manifest schema bundled in @microsoft/app-manifest (offline),
// and a zip with the two icons. `npm run package:app` writes it; `npm run publish:app` sends it to
// the organisation's app catalog.
//
// Values come from the environment first, then from the azd environment of the project in the
// current folder (.azure/<AZURE_ENV_NAME or the default environment>/.env, where `azd up` writes
// the deployment's outputs such as BOT_ID). TEAMS_APP_ID defaults to an id derived from BOT_ID, so
// packaging again gives the same app (an upload then updates it instead of adding a second one);
// APP_NAME_SUFFIX defaults to empty. The developer's website, privacy statement and terms of use
// (APP_WEBSITE_URL, APP_PRIVACY_URL, APP_TERMS_OF_USE_URL) have no default: they are the
// organisation's own pages, shown to every user who installs the app.
//
// The version: manifest.json holds the base (MAJOR.MINOR.PATCH, numbers only, as Teams takes
// it). Each package's version and a fingerprint of its content are kept per Teams app id in
// teams-app-versions.json beside the zip; a package whose content changed gets the next patch
// version, an unchanged one keeps its version (and its bytes). TEAMS_APP_VERSION sets it outright.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { zipSync } from 'fflate';

export const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));
export const DEFAULT_APP_ZIP = join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');
/** The record of packaged versions, beside the zip. */
export const VERSIONS_FILE = 'teams-app-versions.json';

const ICONS = ['color.png', 'outline.png'];
/** Teams Toolkit placeholder syntax: ${{NAME}}. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** An application, bot or Teams app id. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What Teams takes: three numbers (its error VersionContainsOnlyNumbersDotSeparated). */
const VERSION = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

/** The organisation's pages the manifest links to, by placeholder. */
const ORGANISATION_PAGES = {
  APP_WEBSITE_URL: 'the website of the team that runs the bot (developer.websiteUrl)',
  APP_PRIVACY_URL: "your organisation's privacy statement (developer.privacyUrl)",
  APP_TERMS_OF_USE_URL: 'the terms of use of the app (developer.termsOfUseUrl)',
};

export class AppPackageError extends Error {
  name = 'AppPackageError';
}

/**
 * The azd environment's values, with where they came from; none when the folder has no azd project.
 * @param {string} projectDir
 * @param {Readonly<Record<string, string | undefined>>} env
 */
export function azdEnvironment(projectDir, env) {
  const azureDir = join(projectDir, '.azure');
  if (!existsSync(azureDir)) return undefined;
  let name = env.AZURE_ENV_NAME;
  if (name === undefined || name === '') {
    const configPath = join(azureDir, 'config.json');
    if (!existsSync(configPath)) return undefined;
    try {
      name = JSON.parse(readFileSync(configPath, 'utf8')).defaultEnvironment;
    } catch (error) {
      throw new AppPackageError(`${configPath} is not valid JSON: ${error.message}`);
    }
    if (typeof name !== 'string' || name === '') return undefined;
  }
  const file = join(azureDir, name, '.env');
  if (!existsSync(file)) {
    throw new AppPackageError(
      `the azd environment "${name}" has no ${file}; run azd up (or azd env refresh) first.`,
    );
  }
  return { name, file, values: parseEnv(readFileSync(file, 'utf8')) };
}

/**
 * A value from the environment, else from the azd environment.
 * @param {string} name
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {{ values: Record<string, string> } | undefined} azd
 */
export function settingOf(name, env, azd) {
  const value = env[name] ?? azd?.values[name];
  return value === '' ? undefined : value;
}

/** Where to set a missing value, for messages. */
function whereToSet(azd) {
  return azd === undefined
    ? 'set it in the environment, or run this in an azd project after azd up'
    : `set it in the environment or in the azd environment "${azd.name}" (azd env set NAME value)`;
}

/** A stable Teams app id for a bot: a name-based UUID (RFC 9562 version 5) of the bot id. */
export function teamsAppIdFor(botId) {
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

/**
 * Why a page address cannot go into a package an admin uploads, or undefined when it can.
 * @param {string} value
 */
function pageProblem(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'must be an https address';
  const host = url.hostname.toLowerCase();
  // RFC 2606 names and this machine are no organisation's pages.
  if (
    /(^|\.)example\.(com|net|org)$/.test(host) ||
    /(^|\.)(example|test|invalid|localhost)$/.test(host) ||
    host === '127.0.0.1' ||
    host === '[::1]'
  ) {
    return `names ${host}, which is no organisation's page`;
  }
  return undefined;
}

/**
 * The placeholder values: the environment wins over the azd environment; then the defaults.
 * Every problem is named at once.
 * @param {readonly string[]} names
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {{ name: string, values: Record<string, string> } | undefined} azd
 */
export function placeholderValues(names, env, azd) {
  const values = {};
  for (const name of names) {
    const value = settingOf(name, env, azd);
    if (value !== undefined) values[name] = value;
  }
  if (names.includes('APP_NAME_SUFFIX')) values.APP_NAME_SUFFIX ??= '';
  if (names.includes('TEAMS_APP_ID') && values.TEAMS_APP_ID === undefined && values.BOT_ID) {
    values.TEAMS_APP_ID = teamsAppIdFor(values.BOT_ID);
  }
  // Without a bot id the Teams app id cannot be derived either: the bot id is what to ask for.
  const derivable = (name) => name === 'TEAMS_APP_ID' && !values.BOT_ID;
  const problems = [];
  // settingOf drops empty values, so only a value that was never given is undefined.
  const missing = names.filter((name) => values[name] === undefined && !derivable(name));
  const missingPages = missing.filter((name) => name in ORGANISATION_PAGES);
  const missingOther = missing.filter((name) => !(name in ORGANISATION_PAGES));
  if (missingOther.length > 0) {
    problems.push(
      `no value for ${missingOther.join(', ')} (placeholders in appPackage/manifest.json): ${whereToSet(azd)}.`,
    );
  }
  for (const name of missingPages) {
    const set =
      azd === undefined
        ? `set ${name} in the environment`
        : `azd env set ${name} https://... (azd environment "${azd.name}"), or set it in the environment`;
    problems.push(
      `no value for ${name}: the package links to ${ORGANISATION_PAGES[name]}, an https address of your own; ${set}.`,
    );
  }
  for (const name of Object.keys(ORGANISATION_PAGES)) {
    if (values[name] === undefined) continue;
    const problem = pageProblem(values[name]);
    if (problem !== undefined) problems.push(`${name} ${problem}: "${values[name]}".`);
  }
  for (const name of ['BOT_ID', 'TEAMS_APP_ID']) {
    if (values[name] !== undefined && !GUID.test(values[name])) {
      problems.push(`${name} must be a GUID; it is "${values[name]}".`);
    }
  }
  if (problems.length > 0) throw new AppPackageError(problems.join('\n'));
  return values;
}

function substitute(template, values) {
  // Values land inside JSON strings: escape them as JSON would.
  return template.replace(PLACEHOLDER, (_, name) => JSON.stringify(values[name]).slice(1, -1));
}

/** @param {string} version */
export function parseVersion(version) {
  const match = VERSION.exec(version);
  return match === null ? undefined : match.slice(1, 4).map(Number);
}

/** Negative, zero or positive as a is below, equal to or above b (both valid versions). */
export function compareVersions(a, b) {
  const [x = [], y = []] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < 3; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function nextPatch(version) {
  const [major, minor, patch] = parseVersion(version) ?? [1, 0, 0];
  return `${major}.${minor}.${(patch ?? 0) + 1}`;
}

function higher(a, b) {
  return compareVersions(a, b) >= 0 ? a : b;
}

/**
 * The version of a package: its previous version when nothing changed, otherwise the next patch
 * version (or the base, when someone raised it in manifest.json); always above `published`, the
 * version the catalog already holds, when one is given (whoever sends a package the catalog
 * already holds unchanged does not rebuild it).
 * @param {{ base: string, fingerprint: string, previous?: { version: string, fingerprint: string } | undefined, published?: string | undefined, requested?: string | undefined }} input
 * @returns {string}
 */
export function chooseVersion({ base, fingerprint, previous, published, requested }) {
  if (requested !== undefined) {
    if (parseVersion(requested) === undefined) {
      throw new AppPackageError(
        `TEAMS_APP_VERSION must be three numbers, MAJOR.MINOR.PATCH (Teams takes nothing else); it is "${requested}".`,
      );
    }
    if (published !== undefined && compareVersions(requested, published) <= 0) {
      throw new AppPackageError(
        `TEAMS_APP_VERSION ${requested} is not above ${published}, the version in the app catalog: an update needs a higher one.`,
      );
    }
    return requested;
  }
  let version;
  if (previous === undefined || parseVersion(previous.version) === undefined) version = base;
  else if (previous.fingerprint === fingerprint) version = previous.version;
  else version = higher(nextPatch(previous.version), base);
  if (
    published !== undefined &&
    parseVersion(published) !== undefined &&
    compareVersions(version, published) <= 0
  ) {
    version = nextPatch(published);
  }
  return version;
}

function readVersions(file) {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  } catch {
    // A damaged record only costs a version number: the next package starts from the base.
    return {};
  }
}

function writeAtomically(file, bytes) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
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
    throw new AppPackageError(
      `no bundled schema for manifestVersion ${manifest.manifestVersion} (${schemaPath}): ${error.message}`,
    );
  }
  // Passing the schema keeps validation offline; without it the library may fetch $schema.
  const errors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  if (errors.length > 0) {
    throw new AppPackageError(
      `manifest.json does not match the v${manifest.manifestVersion} schema:\n  ${errors.join('\n  ')}`,
    );
  }
}

/** The zip of a manifest text and the icons; the DOS epoch as every time, so same in, same bytes. */
function zipPackage(manifestText, icons) {
  const mtime = new Date(1980, 0, 1);
  return zipSync(
    {
      'manifest.json': [Buffer.from(manifestText, 'utf8'), { mtime }],
      ...Object.fromEntries(
        Object.entries(icons).map(([name, bytes]) => [name, [bytes, { mtime }]]),
      ),
    },
    { level: 9 },
  );
}

/**
 * Builds the package and writes it to `out`, recording its version beside it.
 * @param {{ cwd?: string, env?: Readonly<Record<string, string | undefined>>, out?: string, published?: string, appPackageDir?: string }} [options]
 *   `published`: the version the app catalog holds, which the new one must exceed.
 */
export async function buildAppPackage(options = {}) {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const appPackageDir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const out = resolve(cwd, options.out ?? DEFAULT_APP_ZIP);
  const template = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  const names = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
  const azd = azdEnvironment(cwd, env);
  const values = placeholderValues(names, env, azd);
  const manifest = JSON.parse(substitute(template, values));
  const base = String(manifest.version);
  if (parseVersion(base) === undefined) {
    throw new AppPackageError(
      `appPackage/manifest.json has version "${base}": Teams takes three numbers, MAJOR.MINOR.PATCH.`,
    );
  }
  const icons = Object.fromEntries(
    ICONS.map((name) => [name, readFileSync(join(appPackageDir, name))]),
  );
  // The content without its version: what decides whether this is a new version.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ ...manifest, version: '' }))
    .update(Buffer.concat(Object.values(icons)))
    .digest('hex');
  const versionsFile = join(dirname(out), VERSIONS_FILE);
  const versions = readVersions(versionsFile);
  const previous = versions[manifest.id];
  const version = chooseVersion({
    base,
    fingerprint,
    previous,
    published: options.published,
    requested: settingOf('TEAMS_APP_VERSION', env, azd),
  });
  manifest.version = version;
  await validate(manifest);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = zipPackage(manifestText, icons);
  writeAtomically(out, zip);
  writeAtomically(
    versionsFile,
    `${JSON.stringify({ ...versions, [manifest.id]: { version, fingerprint } }, null, 2)}\n`,
  );
  return {
    out,
    zip: Buffer.from(zip),
    manifest,
    teamsAppId: manifest.id,
    botId: values.BOT_ID,
    version,
    changed: previous?.fingerprint !== fingerprint,
    source: azd === undefined ? 'the environment' : `the azd environment "${azd.name}"`,
    azd,
  };
}
