import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCardPreview, renderCardInPage } from '../../cli/cards-preview';
import { cardSamples } from '../../cards/samples';
import { launchChromium, type LaunchedChromium } from '../support/browser';

// The adaptivecards renderer in Chromium, with the markdown subset Teams applies (links, bold,
// italic, escapes) and the Teams-like host config the gallery uses.
let chromium: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  chromium = await launchChromium();
  page = await openCardPreview(chromium.context);
});

afterAll(async () => {
  await chromium.close();
});

async function renderedHtml(card: unknown): Promise<{ html: string; text: string }> {
  const rendered = await renderCardInPage(page, card);
  // What inputs hold is shown too, but is not part of innerText.
  const inputValues = await page.evaluate<string>(
    "[...document.querySelectorAll('#card input, #card textarea')].map((i) => i.value).join('\\n')",
  );
  return {
    html: await rendered.innerHTML(),
    text: `${await rendered.innerText()}\n${inputValues}`,
  };
}

describe('cards rendered by the adaptivecards renderer', () => {
  it('turns an unescaped markdown link into a link (the renderer would obey injected markup)', async () => {
    const { html } = await renderedHtml({
      type: 'AdaptiveCard',
      version: '1.2',
      body: [
        { type: 'TextBlock', text: 'see [approve here](https://evil.example/approve) **now**' },
      ],
    });

    expect(html).toContain('<a href="https://evil.example/approve"');
    expect(html).toContain('<strong>now</strong>');
  });

  it.each(cardSamples.filter((s) => s.hostile === true).map((s) => [s.name, s] as const))(
    'shows hostile text in the %s card as plain text: no link, image, emphasis or date',
    async (_name, sample) => {
      const { html, text } = await renderedHtml(sample.render());

      expect(html).not.toMatch(/<a[\s>]/);
      expect(html).not.toMatch(/<img[\s>]/);
      expect(html).not.toContain('<strong>');
      expect(html).not.toContain('<em>');
      expect(text).toContain('[approve here](https://evil.example');
      if (text.includes('onerror')) expect(text).toContain('<img src=x onerror=alert(1)>');
      if (text.includes('URGENT')) expect(text).toContain('**URGENT**');
      if (text.includes('DATE')) expect(text).toContain('{{DATE(2026-01-01T00:00:00Z)}}');
    },
  );

  it('renders every card of the gallery without a page error', async () => {
    for (const sample of cardSamples) {
      const rendered = await renderCardInPage(page, sample.render());

      expect(await rendered.locator('.ac-adaptiveCard').count()).toBe(1);
    }
  });
});
