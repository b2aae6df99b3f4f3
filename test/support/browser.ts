import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`, which `npm test` does itself when it is missing);
 * Playwright's own browser downloads are never used. CHROMIUM_PATH points elsewhere.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags from E2E-PLAYGROUND.md: no GPU, no QUIC, no background traffic, and no DNS but localhost. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // No shell quotes: passed through spawn, quotes would become part of the rule and void it.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const COMPOSER = '[role="textbox"][contenteditable="true"][data-lexical-editor="true"]';
const SEND_BUTTON = 'button[aria-label="Send Message"]';
const BOT_MESSAGE = '.fai-OutputCard';
const BOT_CARD = '.fai-OutputCard .ac-adaptiveCard';

export interface LaunchedChromium {
  browser: Browser;
  /** A context that can reach loopback only; open pages from it. */
  context: BrowserContext;
  /** Another isolated loopback-only context, e.g. for a second user's Playground. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** True for hosts on this machine; everything else is aborted before it leaves the browser. */
export function isLoopbackUrl(url: URL): boolean {
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:')
    return true;
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** Aborts every request and WebSocket whose host is not loopback (the UI asks a CDN for fonts). */
export async function restrictToLoopback(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => !isLoopbackUrl(url),
    (route) => route.abort('blockedbyclient'),
  );
  await context.routeWebSocket(
    (url) => !isLoopbackUrl(url),
    (socket) => socket.close({ code: 1008, reason: 'loopback only' }),
  );
}

/**
 * Launches headless Debian Chromium with a loopback-only context. `launch()` gives every browser
 * a fresh temporary profile and deletes it on close (Playwright rejects `--user-data-dir` here).
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}: run them with npm test, ` +
        'which installs it, or: sudo apt-get install -y chromium fonts-noto-color-emoji',
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await restrictToLoopback(context);
    return context;
  };
  try {
    const context = await newContext();
    return { browser, context, newContext, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Opens the Playground and waits until its log panel says the bot answered (`Connected.`). */
export async function openPlayground(
  context: BrowserContext,
  url: string,
  timeout = 30_000,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { timeout });
  await page.getByText('Connected.', { exact: true }).first().waitFor({ timeout });
  return page;
}

/**
 * Sends `text` as one message, byte for byte: `keyboard.type` would send one message per line,
 * while `fill` puts the whole text, newlines included, into the composer.
 */
export async function sendText(page: Page, text: string): Promise<void> {
  const composer = page.locator(COMPOSER);
  await composer.click();
  await composer.fill(text);
  await page.locator(SEND_BUTTON).click();
}

/** The newest bot message (text or card bubble) containing `text` (or matching it). */
export async function waitForBotMessageContaining(
  page: Page,
  text: string | RegExp,
  timeout = 15_000,
): Promise<Locator> {
  const message = page.locator(BOT_MESSAGE).filter({ hasText: text }).last();
  await message.waitFor({ timeout });
  return message;
}

/** The newest rendered Adaptive Card from the bot containing `text` (or matching it). */
export async function waitForBotCardContaining(
  page: Page,
  text: string | RegExp,
  timeout = 15_000,
): Promise<Locator> {
  const card = page.locator(BOT_CARD).filter({ hasText: text }).last();
  await card.waitFor({ timeout });
  return card;
}

/** Clicks a card action by its title (Action.Submit and Action.Execute alike). */
export async function clickCardButton(card: Locator, title: string): Promise<void> {
  await card.locator(`.ac-actionSet button[aria-label="${cssString(title)}"]`).click();
}

/** Saves a full-page PNG, creating the folder when needed. */
export async function screenshot(page: Page, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * Saves a PNG of one element, such as a card. The chat scrolls inside the page, so a full-page
 * shot shows only what is scrolled into view: the window is made tall enough for the element first.
 */
export async function screenshotElement(element: Locator, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const page = element.page();
  const viewport = page.viewportSize();
  const box = await element.boundingBox();
  if (viewport !== null && box !== null && box.height > viewport.height - 100) {
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(box.height) + 400 });
  }
  try {
    await element.screenshot({ path: file });
  } finally {
    if (viewport !== null) await page.setViewportSize(viewport);
  }
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
