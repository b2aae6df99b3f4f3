import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { AppManifestUtils, TeamsManifestConverter } from '@microsoft/app-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const appPackage = join(root, 'appPackage');
const packager = join(root, 'scripts', 'package-app.mjs');

/** Realistic values, shaped like what Teams Toolkit writes to env/.env.dev. */
const values = {
  TEAMS_APP_ID: '6d0c3b8e-2f4a-4c1b-9e7d-5a3f2b1c0d9e',
  BOT_ID: 'b1f4e2a7-8c3d-4e5f-a6b7-c8d9e0f1a2b3',
  APP_NAME_SUFFIX: '-dev',
  APP_WEBSITE_URL: 'https://it.contoso.com/entra-connect-migration',
  APP_PRIVACY_URL: 'https://www.contoso.com/privacy',
  APP_TERMS_OF_USE_URL: 'https://it.contoso.com/terms',
};

/** The organisation's pages, as an admin sets them once in the azd environment. */
const pages = {
  APP_WEBSITE_URL: values.APP_WEBSITE_URL,
  APP_PRIVACY_URL: values.APP_PRIVACY_URL,
  APP_TERMS_OF_USE_URL: values.APP_TERMS_OF_USE_URL,
};
type PlaceholderName = keyof typeof values;

type ManifestSchema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

function fillPlaceholders(template: string, fill: Record<PlaceholderName, string>): string {
  return template.replace(/\$\{\{(\w+)\}\}/g, (match, name: string) =>
    name in fill ? fill[name as PlaceholderName] : match,
  );
}

function bundledSchemaPath(manifestVersion: string): string {
  const library = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  return join(
    library,
    'json-schemas',
    'teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
}

async function readManifestTemplate(): Promise<string> {
  return readFile(join(appPackage, 'manifest.json'), 'utf8');
}

async function loadSchema(manifestVersion: string): Promise<ManifestSchema> {
  return JSON.parse(await readFile(bundledSchemaPath(manifestVersion), 'utf8')) as ManifestSchema;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** Unfiltered scanlines, 4 bytes per pixel for RGBA. */
  pixels: Buffer;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function readPng(file: Buffer): Png {
  expect(file.subarray(0, 8).equals(pngSignature)).toBe(true);
  // IHDR must be the first chunk (PNG spec 5.6).
  expect(file.toString('latin1', 12, 16)).toBe('IHDR');
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const bitDepth = file.readUInt8(24);
  const colorType = file.readUInt8(25);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < file.length;) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    expect(crc32(file.subarray(offset + 4, offset + 8 + length))).toBe(
      file.readUInt32BE(offset + 8 + length),
    );
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  return {
    width,
    height,
    bitDepth,
    colorType,
    pixels: unfilter(inflateSync(Buffer.concat(idat)), width, height),
  };
}

/** Reverses PNG scanline filtering for 8-bit RGBA (PNG spec 9.2). */
function unfilter(raw: Buffer, width: number, height: number): Buffer {
  const bpp = 4;
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw.readUInt8(y * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const value = raw.readUInt8(y * (stride + 1) + 1 + x);
      const left = x >= bpp ? out.readUInt8(y * stride + x - bpp) : 0;
      const up = y > 0 ? out.readUInt8((y - 1) * stride + x) : 0;
      const upLeft = x >= bpp && y > 0 ? out.readUInt8((y - 1) * stride + x - bpp) : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = Math.floor((left + up) / 2);
          break;
        case 4: {
          const p = left + up - upLeft;
          const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      }
      out.writeUInt8((value + predictor) & 0xff, y * stride + x);
    }
  }
  return out;
}

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip as Teams does, through its central directory. */
function readZip(zip: Buffer): ZipEntry[] {
  return Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the packaging script in `cwd` with exactly the given placeholder variables set. */
function runPackager(
  vars: Partial<Record<PlaceholderName | 'AZURE_ENV_NAME' | 'TEAMS_APP_VERSION', string>>,
  out: string,
  cwd: string,
): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...Object.keys(values), 'AZURE_ENV_NAME', 'TEAMS_APP_VERSION']) {
    Reflect.deleteProperty(env, name);
  }
  Object.assign(env, vars);
  return new Promise((resolve) => {
    execFile(process.execPath, [packager, out], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** An azd project folder with environments as `azd up` leaves them: quoted values, outputs and all. */
async function azdProject(
  dir: string,
  environments: Record<string, Record<string, string>>,
  defaultEnvironment?: string,
): Promise<string> {
  await mkdir(join(dir, '.azure'), { recursive: true });
  if (defaultEnvironment !== undefined) {
    await writeFile(
      join(dir, '.azure', 'config.json'),
      JSON.stringify({ version: 1, defaultEnvironment }),
    );
  }
  for (const [name, vars] of Object.entries(environments)) {
    await mkdir(join(dir, '.azure', name), { recursive: true });
    const lines = Object.entries(vars).map(([key, value]) => `${key}="${value}"`);
    await writeFile(join(dir, '.azure', name, '.env'), `${lines.join('\n')}\n`);
  }
  return dir;
}

/** What `azd up` writes for this project's template: its outputs and azd's own values. */
const azdOutputs = {
  AZURE_ENV_NAME: 'prod',
  AZURE_LOCATION: 'westeurope',
  AZURE_SUBSCRIPTION_ID: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  ALLOWED_TENANT_IDS: '84841066-274d-4ec0-a5c1-276be684bdd3',
  AZURE_FUNCTION_APP_NAME: 'func-bot-k3x7q2',
  AZURE_RESOURCE_GROUP: 'rg-prod',
  BOT_ENDPOINT:
    'https://func-bot-k3x7q2-a8bwcyhmb7c0dxe2.westeurope-01.azurewebsites.net/api/messages',
  BOT_ID: '3f2a9c1e-7b4d-4e8a-9c6f-1d2e3f4a5b6c',
  ...pages,
};

async function manifestIn(
  zip: string,
): Promise<ReturnType<typeof TeamsManifestConverter.jsonToManifest>> {
  const entry = readZip(await readFile(zip)).find((e) => e.name === 'manifest.json');
  return TeamsManifestConverter.jsonToManifest(entry?.data.toString('utf8') ?? '');
}

describe('Teams app manifest', () => {
  it('is on a manifest version whose schema ships with @microsoft/app-manifest', async () => {
    const manifest = JSON.parse(await readManifestTemplate()) as Record<string, unknown>;
    const version = String(manifest.manifestVersion);
    expect(version).toMatch(/^1\.\d+$/);
    expect(existsSync(bundledSchemaPath(version))).toBe(true);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates against the bundled schema once the placeholders are replaced', async () => {
    const text = fillPlaceholders(await readManifestTemplate(), values);
    expect(text).not.toContain('${{');
    const manifest = TeamsManifestConverter.jsonToManifest(text);
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest,
      await loadSchema(manifest.manifestVersion),
    );
    expect(errors).toEqual([]);
  });

  it('is rejected by the same validation when a field breaks the schema', async () => {
    const text = fillPlaceholders(await readManifestTemplate(), {
      ...values,
      BOT_ID: 'not-a-guid',
    });
    const manifest = TeamsManifestConverter.jsonToManifest(text);
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest,
      await loadSchema(manifest.manifestVersion),
    );
    // The bot id is also the Entra app of webApplicationInfo: both must be GUIDs.
    expect(errors).toEqual([
      expect.stringContaining('/bots/0/botId'),
      expect.stringContaining('/webApplicationInfo/id'),
    ]);
  });

  it("takes the app id, the bot id and the organisation's pages from placeholders", async () => {
    const manifest = TeamsManifestConverter.jsonToManifest(await readManifestTemplate());
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots?.[0]?.botId).toBe('${{BOT_ID}}');
    expect(manifest.name.short).toBe('Entra Connect Migration${{APP_NAME_SUFFIX}}');
    expect(manifest.developer).toMatchObject({
      websiteUrl: '${{APP_WEBSITE_URL}}',
      privacyUrl: '${{APP_PRIVACY_URL}}',
      termsOfUseUrl: '${{APP_TERMS_OF_USE_URL}}',
    });
    // The base version, which every changed package raises.
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await readManifestTemplate()).not.toMatch(/example\.(com|net|org)/);
  });

  it('declares one conversational bot that takes files and lists its commands', async () => {
    const manifest = JSON.parse(await readManifestTemplate()) as {
      bots: {
        scopes: string[];
        supportsFiles: boolean;
        isNotificationOnly: boolean;
        commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
      }[];
      webApplicationInfo?: { id: string; resource?: string };
    };
    const [bot] = manifest.bots;
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.supportsFiles).toBe(true);
    expect(bot?.isNotificationOnly).toBe(false);
    const commands = bot?.commandLists.flatMap((list) => list.commands) ?? [];
    expect(commands.map((c) => c.title)).toEqual(['help', 'start migration', 'status', 'list']);
    for (const command of commands) expect(command.description.length).toBeGreaterThan(0);
    // Graph lets an app install only itself for people (TeamsAppInstallation.ReadWriteSelfForUser.All):
    // the app is the Entra app named here, the bot's identity, which also calls Graph. No SSO
    // resource: the bot signs nobody in.
    expect(manifest.webApplicationInfo).toEqual({ id: '${{BOT_ID}}' });
  });
});

describe('Teams app icons', () => {
  it('are PNGs of 192x192 (colour) and 32x32 (outline)', async () => {
    const color = readPng(await readFile(join(appPackage, 'color.png')));
    const outline = readPng(await readFile(join(appPackage, 'outline.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('draw the outline in white on a transparent background', async () => {
    const outline = readPng(await readFile(join(appPackage, 'outline.png')));
    expect([outline.bitDepth, outline.colorType]).toEqual([8, 6]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a = 0] = outline.pixels.subarray(i, i + 4);
      if (a === 0) {
        transparent++;
        continue;
      }
      if (a === 255) opaque++;
      expect([r, g, b], `pixel ${i / 4} has alpha ${a}`).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(0);
    expect(opaque).toBeGreaterThan(0);
  });
});

describe('scripts/package-app.mjs', () => {
  let workDir = '';

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'app-package-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('fails naming the variable that is not set, and writes nothing', async () => {
    const out = join(workDir, 'missing.zip');
    const result = await runPackager(
      { TEAMS_APP_ID: values.TEAMS_APP_ID, APP_NAME_SUFFIX: '', ...pages },
      out,
      workDir,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('BOT_ID');
    expect(result.stderr).not.toContain('TEAMS_APP_ID');
    expect(existsSync(out)).toBe(false);
  });

  it('asks for every page of the organisation that is not set, and refuses placeholder and plain-http pages', async () => {
    const out = join(workDir, 'pages.zip');
    const unset = await runPackager({ BOT_ID: values.BOT_ID }, out, workDir);
    expect(unset.code).toBe(1);
    for (const [name, field] of [
      ['APP_WEBSITE_URL', 'developer.websiteUrl'],
      ['APP_PRIVACY_URL', 'developer.privacyUrl'],
      ['APP_TERMS_OF_USE_URL', 'developer.termsOfUseUrl'],
    ] as const) {
      expect(unset.stderr).toContain(`package-app: no value for ${name}: the package links to`);
      expect(unset.stderr).toContain(field);
    }
    const wrong = await runPackager(
      {
        ...values,
        APP_WEBSITE_URL: 'https://www.example.com',
        APP_PRIVACY_URL: 'http://contoso.com/privacy',
        APP_TERMS_OF_USE_URL: 'terms',
      },
      out,
      workDir,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('APP_WEBSITE_URL names www.example.com');
    expect(wrong.stderr).toContain('APP_PRIVACY_URL must be an https address');
    expect(wrong.stderr).toContain('APP_TERMS_OF_USE_URL is not a URL');
    expect(existsSync(out)).toBe(false);
  });

  it('raises the version when the package changes, and keeps it (and the bytes) when it does not', async () => {
    const dir = join(workDir, 'versions');
    const out = join(dir, 'appPackage.zip');
    const versionOf = async (): Promise<string> => (await manifestIn(out)).version;

    expect((await runPackager(values, out, workDir)).code).toBe(0);
    expect(await versionOf()).toBe('1.0.0');
    const first = await readFile(out);
    expect((await runPackager(values, out, workDir)).stdout).toContain('version 1.0.0, unchanged');
    expect((await readFile(out)).equals(first)).toBe(true);

    // A changed page is a changed app: Teams updates an installed app only to a higher version.
    const changed = { ...values, APP_PRIVACY_URL: 'https://www.contoso.com/privacy/it' };
    expect((await runPackager(changed, out, workDir)).code).toBe(0);
    expect(await versionOf()).toBe('1.0.1');
    expect((await runPackager(values, out, workDir)).code).toBe(0);
    expect(await versionOf()).toBe('1.0.2');

    // Another app (another Teams app id) has versions of its own.
    const other = { ...values, TEAMS_APP_ID: '0e1d2c3b-4a59-4687-9a6b-5c4d3e2f1a0b' };
    expect((await runPackager(other, out, workDir)).code).toBe(0);
    expect(await versionOf()).toBe('1.0.0');

    // Set outright, then refused when it is not MAJOR.MINOR.PATCH.
    expect((await runPackager({ ...values, TEAMS_APP_VERSION: '2.1.0' }, out, workDir)).code).toBe(
      0,
    );
    expect(await versionOf()).toBe('2.1.0');
    const refused = await runPackager({ ...values, TEAMS_APP_VERSION: '2.2.0-beta' }, out, workDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('TEAMS_APP_VERSION must be three numbers');
    expect(await versionOf()).toBe('2.1.0');
  });

  it('zips the manifest with its placeholders substituted and both icons', async () => {
    const out = join(workDir, 'appPackage.zip');
    const result = await runPackager(values, out, workDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const entries = readZip(await readFile(out));
    expect(entries.map((e) => e.name).sort()).toEqual([
      'color.png',
      'manifest.json',
      'outline.png',
    ]);

    const manifestEntry = entries.find((e) => e.name === 'manifest.json');
    const text = manifestEntry?.data.toString('utf8') ?? '';
    expect(text).not.toContain('${{');
    const manifest = TeamsManifestConverter.jsonToManifest(text);
    expect(manifest.id).toBe(values.TEAMS_APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(values.BOT_ID);
    expect(manifest.name.short).toBe('Entra Connect Migration-dev');

    for (const icon of ['color.png', 'outline.png']) {
      const packed = entries.find((e) => e.name === icon)?.data;
      expect(packed?.equals(await readFile(join(appPackage, icon))), icon).toBe(true);
    }
  });
});

describe('scripts/package-app.mjs in an azd project', () => {
  let workDir = '';

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'app-package-azd-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('takes the bot id from the default azd environment and gives the same Teams app id every time', async () => {
    const project = await azdProject(join(workDir, 'default'), { prod: azdOutputs }, 'prod');
    const first = join(project, 'first.zip');
    const second = join(project, 'second.zip');

    const run = await runPackager({}, first, project);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the azd environment "prod"');
    expect((await runPackager({}, second, project)).code).toBe(0);

    const manifest = await manifestIn(first);
    expect(manifest.bots?.[0]?.botId).toBe(azdOutputs.BOT_ID);
    expect(manifest.name.short).toBe('Entra Connect Migration');
    // A name-based UUID (version 5, RFC 9562 variant), not the bot id itself.
    expect(manifest.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(manifest.id).not.toBe(azdOutputs.BOT_ID);
    expect(run.stdout).toContain(manifest.id);
    // Packaging again updates the same app: same id, same bytes.
    expect((await manifestIn(second)).id).toBe(manifest.id);
    expect((await readFile(second)).equals(await readFile(first))).toBe(true);
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest,
      await loadSchema(manifest.manifestVersion),
    );
    expect(errors).toEqual([]);
  });

  it('uses the environment AZURE_ENV_NAME names, and values set in the shell over the azd ones', async () => {
    const otherBot = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const project = await azdProject(
      join(workDir, 'named'),
      { prod: azdOutputs, test: { ...azdOutputs, AZURE_ENV_NAME: 'test', BOT_ID: otherBot } },
      'prod',
    );
    const fromTest = join(project, 'test.zip');
    expect((await runPackager({ AZURE_ENV_NAME: 'test' }, fromTest, project)).code).toBe(0);
    expect((await manifestIn(fromTest)).bots?.[0]?.botId).toBe(otherBot);

    const overridden = join(project, 'overridden.zip');
    const run = await runPackager(
      { TEAMS_APP_ID: values.TEAMS_APP_ID, APP_NAME_SUFFIX: ' (test)' },
      overridden,
      project,
    );
    expect(run.code).toBe(0);
    const manifest = await manifestIn(overridden);
    expect(manifest.id).toBe(values.TEAMS_APP_ID);
    expect(manifest.bots?.[0]?.botId).toBe(azdOutputs.BOT_ID);
    expect(manifest.name.short).toBe('Entra Connect Migration (test)');
  });

  it('refuses a bot id that is not a GUID, naming it, and writes nothing', async () => {
    const project = await azdProject(
      join(workDir, 'broken'),
      { prod: { ...azdOutputs, BOT_ID: 'func-bot-k3x7q2' } },
      'prod',
    );
    const out = join(project, 'broken.zip');
    const run = await runPackager({}, out, project);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('BOT_ID must be a GUID');
    expect(existsSync(out)).toBe(false);
  });

  it('says to run azd up when the environment has no values yet, and when the bot id is missing', async () => {
    const empty = await azdProject(join(workDir, 'empty'), {}, 'prod');
    const notProvisioned = await runPackager({}, join(empty, 'a.zip'), empty);
    expect(notProvisioned.code).not.toBe(0);
    expect(notProvisioned.stderr).toContain('azd up');

    const { BOT_ID: _botId, ...withoutBot } = azdOutputs;
    const noBot = await azdProject(join(workDir, 'no-bot'), { prod: withoutBot }, 'prod');
    const run = await runPackager({}, join(noBot, 'b.zip'), noBot);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('no value for BOT_ID');
    expect(run.stderr).toContain('azd env set');
    expect(existsSync(join(noBot, 'b.zip'))).toBe(false);
  });
});
