// Writes every card of the gallery, rendered with its realistic sample data, as <out-dir>/<name>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cardSamples } from '../cards/samples';

async function main(outDir: string | undefined): Promise<void> {
  if (outDir === undefined || outDir === '') {
    console.error('usage: npm run --silent cards:render -- <out-dir>');
    process.exitCode = 2;
    return;
  }
  await mkdir(outDir, { recursive: true });
  for (const sample of cardSamples) {
    const file = path.join(outDir, `${sample.name}.json`);
    await writeFile(file, `${JSON.stringify(sample.render(), null, 2)}\n`);
    console.log(file);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
