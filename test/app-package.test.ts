import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
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

/** Reads a zip through its central directory, as Teams does, checking every CRC. */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const stored = zip.subarray(dataStart, dataStart + compressedSize);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(stored) : stored;
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the packaging script with exactly the given placeholder variables set. */
function runPackager(
  vars: Partial<Record<PlaceholderName, string>>,
  out: string,
): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(values)) Reflect.deleteProperty(env, name);
  Object.assign(env, vars);
  return new Promise((resolve) => {
    execFile(process.execPath, [packager, out], { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
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
    expect(errors).toEqual([expect.stringContaining('/bots/0/botId')]);
  });

  it('takes the app id and the bot id from placeholders', async () => {
    const manifest = TeamsManifestConverter.jsonToManifest(await readManifestTemplate());
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots?.[0]?.botId).toBe('${{BOT_ID}}');
    expect(manifest.name.short).toBe('Entra Connect Migration${{APP_NAME_SUFFIX}}');
  });

  it('declares one conversational bot that takes files and lists its commands', async () => {
    const manifest = JSON.parse(await readManifestTemplate()) as {
      bots: {
        scopes: string[];
        supportsFiles: boolean;
        isNotificationOnly: boolean;
        commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
      }[];
      webApplicationInfo?: unknown;
    };
    const [bot] = manifest.bots;
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.supportsFiles).toBe(true);
    expect(bot?.isNotificationOnly).toBe(false);
    const commands = bot?.commandLists.flatMap((list) => list.commands) ?? [];
    expect(commands.map((c) => c.title)).toEqual(['help', 'start migration', 'status', 'list']);
    for (const command of commands) expect(command.description.length).toBeGreaterThan(0);
    expect(manifest.webApplicationInfo).toBeUndefined();
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
      { TEAMS_APP_ID: values.TEAMS_APP_ID, APP_NAME_SUFFIX: '' },
      out,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('BOT_ID');
    expect(result.stderr).not.toContain('TEAMS_APP_ID');
    expect(existsSync(out)).toBe(false);
  });

  it('zips the manifest with its placeholders substituted and both icons', async () => {
    const out = join(workDir, 'appPackage.zip');
    const result = await runPackager(values, out);
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
