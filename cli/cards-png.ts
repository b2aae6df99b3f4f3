// Renders every card of the gallery with the adaptivecards renderer in headless Chromium, with a
// Teams-like light host config, into docs/cards/<name>.png. Run it loopback-only:
//   unshare --net -- sh -c 'ip link set lo up && exec npm run cards:png'
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { cardSamples } from '../cards/samples';
import { launchChromium, restrictToLoopback } from '../test/support/browser';
import { openCardPreview, renderCardInPage } from './cards-preview';

const OUT_DIR = path.join('docs', 'cards');

async function main(only: readonly string[]): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const chromium = await launchChromium();
  try {
    const context = await chromium.browser.newContext({
      viewport: { width: 600, height: 800 },
      deviceScaleFactor: 1.5,
    });
    await restrictToLoopback(context);
    const page = await openCardPreview(context);
    for (const sample of cardSamples) {
      if (only.length > 0 && !only.includes(sample.name)) continue;
      await renderCardInPage(page, sample.render());
      const file = path.join(OUT_DIR, `${sample.name}.png`);
      await page.locator('#frame').screenshot({ path: file });
      console.log(file);
    }
  } finally {
    await chromium.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
