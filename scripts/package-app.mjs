// Builds the Teams app package: substitutes the ${{NAME}} placeholders in appPackage/manifest.json
// from environment variables, validates the result against the manifest schema bundled in
// @microsoft/app-manifest (offline), and zips it with the two icons.
//
//   TEAMS_APP_ID=<guid> BOT_ID=<guid> APP_NAME_SUFFIX= node scripts/package-app.mjs [out.zip]
//
// The zip goes to appPackage/build/appPackage.zip unless a path is given.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const appPackageDir = fileURLToPath(new URL('../appPackage/', import.meta.url));
const files = ['manifest.json', 'color.png', 'outline.png'];

/** Teams Toolkit placeholder syntax: ${{NAME}}. */
const placeholder = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function fail(message) {
  console.error(`package-app: ${message}`);
  process.exit(1);
}

function substitute(template) {
  const names = [...new Set([...template.matchAll(placeholder)].map((m) => m[1]))];
  // An empty value is a value (APP_NAME_SUFFIX is often empty); only an unset variable is missing.
  const missing = names.filter((name) => process.env[name] === undefined);
  if (missing.length > 0) {
    fail(
      `missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `for the placeholders in appPackage/manifest.json; set ${missing.length > 1 ? 'them' : 'it'} and run again.`,
    );
  }
  // Values land inside JSON strings: escape them as JSON would.
  return template.replace(placeholder, (_, name) => JSON.stringify(process.env[name]).slice(1, -1));
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

/** A minimal zip writer (PKWARE APPNOTE 4.3): deflate when it helps, store otherwise. */
function zip(entries) {
  // Fixed timestamp (1980-01-01 00:00, the DOS epoch) so the same inputs give the same bytes.
  const dosTime = 0;
  const dosDate = (1 << 5) | 1;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk number, internal and external attributes: all zero
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const out = resolve(process.argv[2] ?? join(appPackageDir, 'build', 'appPackage.zip'));
const manifestText = substitute(readFileSync(join(appPackageDir, 'manifest.json'), 'utf8'));
await validate(JSON.parse(manifestText));
const entries = files.map((name) => ({
  name,
  data:
    name === 'manifest.json'
      ? Buffer.from(manifestText, 'utf8')
      : readFileSync(join(appPackageDir, name)),
}));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip(entries));
console.log(`package-app: wrote ${out}`);
