// Draws the Teams app icons (appPackage/color.png 192x192, appPackage/outline.png 32x32) and
// writes them as PNG with node:zlib, so the icons need no image tooling and no dependencies.
// Run `node scripts/make-icons.mjs` after changing the design; commit the PNGs it writes.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** Samples per axis per pixel: shape edges get 8x8 = 64 levels of coverage. */
const SUPERSAMPLE = 8;

/** A straight-alpha RGBA canvas. */
function createCanvas(size) {
  return { size, pixels: new Float64Array(size * size * 4) };
}

/**
 * Composites `color` ([r, g, b, a], 0-255 and 0-1) over every pixel `inside` covers, weighted by
 * the share of subsamples inside. `inside(x, y)` takes canvas coordinates in pixels.
 */
function fill(canvas, inside, color) {
  const [r, g, b, a] = color;
  const step = 1 / SUPERSAMPLE;
  for (let py = 0; py < canvas.size; py++) {
    for (let px = 0; px < canvas.size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (inside(px + (sx + 0.5) * step, py + (sy + 0.5) * step)) hits++;
        }
      }
      if (hits === 0) continue;
      const srcA = (a * hits) / (SUPERSAMPLE * SUPERSAMPLE);
      const i = (py * canvas.size + px) * 4;
      const dstA = canvas.pixels[i + 3];
      const outA = srcA + dstA * (1 - srcA);
      const mix = (src, dst) => (src * srcA + dst * dstA * (1 - srcA)) / outA;
      canvas.pixels[i] = mix(r, canvas.pixels[i]);
      canvas.pixels[i + 1] = mix(g, canvas.pixels[i + 1]);
      canvas.pixels[i + 2] = mix(b, canvas.pixels[i + 2]);
      canvas.pixels[i + 3] = outA;
    }
  }
}

/** Punches a hole: lowers alpha where `inside` covers (keeps the colour, for outline icons). */
function erase(canvas, inside) {
  const step = 1 / SUPERSAMPLE;
  for (let py = 0; py < canvas.size; py++) {
    for (let px = 0; px < canvas.size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          if (inside(px + (sx + 0.5) * step, py + (sy + 0.5) * step)) hits++;
        }
      }
      canvas.pixels[(py * canvas.size + px) * 4 + 3] *= 1 - hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
}

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Convex polygon, points in clockwise order (y down). */
const polygon = (points) => (x, y) =>
  points.every(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % points.length];
    return (bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0;
  });

/** Maps a shape drawn on a 32-unit grid onto the canvas: scale, then offset. */
const place = (scale, offset) => (shape) => (x, y) =>
  shape((x - offset) / scale, (y - offset) / scale);

/**
 * The symbol on a 32-unit grid: an old server (left), an arrow, a new server (right).
 * Each server is a tall block cut into three drive bays.
 */
const symbol = {
  servers: [
    { x0: 1, x1: 11 },
    { x0: 21, x1: 31 },
  ].map(({ x0, x1 }) => ({
    body: roundRect(x0, 6, x1, 26, 1.5),
    // Whole units, so the 32x32 outline stays crisp.
    slots: [12, 19].map((y) => roundRect(x0 - 1, y, x1 + 1, y + 1, 0)),
    leds: [9, 16, 23].map((y) => circle(x1 - 2.75, y, 1.1)),
  })),
  arrow: [
    roundRect(12.5, 15, 17, 17, 0),
    polygon([
      [16, 11],
      [20, 16],
      [16, 21],
    ]),
  ],
};

function drawColorIcon() {
  const canvas = createCanvas(192);
  const at = place(4, 32);
  const blue = [15, 108, 189, 1];
  fill(canvas, () => true, blue);
  const [oldServer, newServer] = symbol.servers;
  // The old server is dimmed: it is the one being retired.
  fill(canvas, at(oldServer.body), [206, 224, 242, 1]);
  fill(canvas, at(newServer.body), [255, 255, 255, 1]);
  for (const server of symbol.servers) {
    for (const slot of server.slots) fill(canvas, at(slot), blue);
  }
  for (const led of oldServer.leds) fill(canvas, at(led), [138, 160, 184, 1]);
  for (const led of newServer.leds) fill(canvas, at(led), [19, 161, 14, 1]);
  for (const part of symbol.arrow) fill(canvas, at(part), [255, 255, 255, 1]);
  return canvas;
}

function drawOutlineIcon() {
  const canvas = createCanvas(32);
  const at = place(1, 0);
  const white = [255, 255, 255, 1];
  for (const server of symbol.servers) fill(canvas, at(server.body), white);
  for (const server of symbol.servers) {
    for (const slot of server.slots) erase(canvas, at(slot));
  }
  for (const part of symbol.arrow) fill(canvas, at(part), white);
  return canvas;
}

/** Encodes a canvas as an 8-bit RGBA PNG (colour type 6), one unfiltered scanline per row. */
function encodePng(canvas) {
  const { size, pixels } = canvas;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const alpha = Math.round(pixels[i + 3] * 255);
      for (let c = 0; c < 3; c++) {
        // Fully transparent pixels carry no colour.
        raw[row + 1 + x * 4 + c] = alpha === 0 ? 0 : Math.round(pixels[i + c]);
      }
      raw[row + 1 + x * 4 + 3] = alpha;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const outDir = new URL('../appPackage/', import.meta.url);
writeFileSync(new URL('color.png', outDir), encodePng(drawColorIcon()));
writeFileSync(new URL('outline.png', outDir), encodePng(drawOutlineIcon()));
console.log('wrote appPackage/color.png (192x192) and appPackage/outline.png (32x32)');
