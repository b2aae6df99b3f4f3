import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Response as BotResponse,
} from 'botbuilder';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/free-port';
import { startPlayground, type RunningPlayground } from '../../local/playground';
import {
  clickCardButton,
  isLoopbackUrl,
  launchChromium,
  openPlayground,
  screenshot,
  sendText,
  waitForBotCardContaining,
  waitForBotMessageContaining,
  type LaunchedChromium,
} from '../support/browser';

/** Proves the harness (Playground + Chromium + a botbuilder bot); the product's own test is elsewhere. */
class SmokeBot extends ActivityHandler {
  readonly receivedTexts: string[] = [];

  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text;
      const value: unknown = context.activity.value;
      this.receivedTexts.push(text);
      if (value !== undefined && value !== null) {
        await context.sendActivity(`submitted: ${JSON.stringify(value)}`);
      } else if (text.trim() === 'card') {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(smokeCard())] });
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
      await next();
    });
  }
}

function smokeCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Smoke card from the echo bot', wrap: true }],
    actions: [{ type: 'Action.Submit', title: 'Press me', data: { pressed: 'yes' } }],
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/** The minimal response surface `CloudAdapter.process` needs, over node:http. */
function botResponse(res: ServerResponse): BotResponse {
  return {
    socket: res.socket,
    status: (code: number) => {
      res.statusCode = code;
    },
    header: (name: string, value: unknown) => {
      res.setHeader(name, String(value));
    },
    send: (body: unknown) => {
      if (typeof body === 'string') {
        res.write(body);
      } else if (body !== undefined) {
        res.setHeader('content-type', 'application/json');
        res.write(JSON.stringify(body));
      }
    },
    end: () => {
      res.end();
    },
  };
}

async function startSmokeBot(): Promise<{
  endpoint: string;
  bot: SmokeBot;
  close(): Promise<void>;
}> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new SmokeBot();
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.url !== '/api/messages') {
          res.writeHead(404).end();
          return;
        }
        // The Playground probes the endpoint with HEAD on every page load.
        if (req.method === 'HEAD') {
          res.writeHead(200).end();
          return;
        }
        const body = await readJson(req);
        await adapter.process(
          { body, headers: req.headers, method: req.method ?? 'POST' },
          botResponse(res),
          (context) => bot.run(context),
        );
      } catch (error) {
        console.error('smoke bot failed', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    })();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    bot,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('Playground smoke test (echo bot, headless Chromium)', () => {
  let botServer: Awaited<ReturnType<typeof startSmokeBot>> | undefined;
  let playground: RunningPlayground | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  const timings: Record<string, number> = {};
  const completedRequests: string[] = [];
  const blockedRequests: string[] = [];

  const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await step();
    timings[label] = Math.round(performance.now() - started);
    return result;
  };

  beforeAll(async () => {
    botServer = await startSmokeBot();
    const endpoint = botServer.endpoint;
    playground = await timed('playground ready', () => startPlayground({ botEndpoint: endpoint }));
    chromium = await timed('chromium launch', () => launchChromium());
    const { context } = chromium;
    context.on('requestfinished', (request) => completedRequests.push(request.url()));
    context.on('requestfailed', (request) => blockedRequests.push(request.url()));
    const url = playground.url;
    page = await timed('page to Connected.', () => openPlayground(context, url));
  });

  afterAll(async () => {
    await chromium?.close();
    await playground?.stop();
    await botServer?.close();
    console.info(`Playground smoke timings (ms): ${JSON.stringify(timings)}`);
    console.info(`Requests stopped in the browser: ${JSON.stringify(blockedRequests)}`);
  });

  it('echoes a typed message into a bot bubble', async () => {
    await sendText(page, 'hello');
    const reply = await timed('message to echo', () =>
      waitForBotMessageContaining(page, 'echo: hello'),
    );
    expect(await reply.innerText()).toContain('echo: hello');
  });

  it('sends multi-line text as one message, byte for byte', async () => {
    const text = 'first line\n  second line <a> & b';
    await sendText(page, text);
    await waitForBotMessageContaining(page, 'second line');
    expect(botServer?.bot.receivedTexts.at(-1)).toBe(text);
  });

  it('renders an Adaptive Card and delivers its Action.Submit', async () => {
    await sendText(page, 'card');
    const card = await timed('message to card', () =>
      waitForBotCardContaining(page, 'Smoke card from the echo bot'),
    );
    expect(await card.locator('.ac-actionSet button').count()).toBe(1);
    await screenshot(page, path.join(tmpdir(), 'playground-smoke.png'));

    await clickCardButton(card, 'Press me');
    const submitted = await timed('submit to reply', () =>
      waitForBotMessageContaining(page, 'submitted:'),
    );
    expect(await submitted.innerText()).toContain('"pressed":"yes"');
  });

  it('lets the page reach loopback only', () => {
    expect(completedRequests.length).toBeGreaterThan(0);
    expect(completedRequests.filter((url) => !isLoopbackUrl(new URL(url)))).toEqual([]);
  });
});
