import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The page's origin: requests to it are answered by the route below, never by a server. */
const ORIGIN = 'http://localhost:9';

const FONT_STACK =
  '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", "Liberation Sans", "DejaVu Sans", sans-serif, "Noto Color Emoji"';

const foreground = (normal: string, subtle: string) => ({ default: normal, subtle });

// The same text colours on every container style, as Teams does in its light theme.
const FOREGROUND_COLORS = {
  default: foreground('#242424', '#616161'),
  dark: foreground('#242424', '#424242'),
  light: foreground('#FFFFFF', '#F5F5F5'),
  accent: foreground('#5B5FC7', '#4F52B2'),
  good: foreground('#0E700E', '#107C10'),
  warning: foreground('#835B00', '#8A6100'),
  attention: foreground('#C4314B', '#B10E1C'),
};

/** Teams' light theme, approximately: its font stack, accent and status colours and spacing. */
export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: FONT_STACK,
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontTypes: {
    default: {
      fontFamily: FONT_STACK,
      fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: '"Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
      fontSizes: { small: 12, default: 13, medium: 14, large: 18, extraLarge: 22 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: FOREGROUND_COLORS },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: FOREGROUND_COLORS },
    accent: { backgroundColor: '#EBEBF7', foregroundColors: FOREGROUND_COLORS },
    good: { backgroundColor: '#E9F6E9', foregroundColors: FOREGROUND_COLORS },
    attention: { backgroundColor: '#FCF0F2', foregroundColors: FOREGROUND_COLORS },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: FOREGROUND_COLORS },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 12 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  inputs: {
    label: {
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
      inputSpacing: 'small',
    },
    errorMessage: { size: 'small', color: 'attention' },
    allowDynamicallyFilteredChoiceSet: false,
  },
  factSet: {
    title: { weight: 'bolder', color: 'default', size: 'default', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', wrap: true },
    spacing: 12,
  },
};

const STYLES = `
  body { margin: 0; background: #EBEBEB; font-family: ${FONT_STACK}; }
  #frame { width: 520px; padding: 24px; }
  #card { background: #FFFFFF; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; color: #242424;
    background: #FFFFFF; border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 12px; min-height: 32px;
    cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  .ac-pushButton.expanded { background: #E8EBFA; border-color: #5B5FC7; }
  .ac-input { font-family: inherit; font-size: 14px; color: #242424; box-sizing: border-box; }
  .ac-textInput, .ac-numberInput, .ac-timeInput, .ac-dateInput, .ac-choiceSetInput-compact {
    height: 32px; padding: 4px 10px; border: 1px solid #D1D1D1; border-bottom-color: #616161;
    border-radius: 4px; background: #FFFFFF; width: 100%; }
  .ac-multiline { height: 72px; }
  .ac-input-validation-failed { border-color: #C4314B; }
  .ac-choiceSetInput-expanded, .ac-choiceSetInput-multiSelect { font-size: 14px; }
  .ac-choiceSetInput-filtered-textbox { height: 32px; padding: 4px 10px; border: 1px solid #D1D1D1;
    border-bottom-color: #616161; border-radius: 4px; width: 100%; box-sizing: border-box; font: inherit; }
  .ac-teams-codeblock { margin: 0; background: #F5F5F5; border: 1px solid #E0E0E0; border-radius: 4px;
    font: 12.5px/1.5 "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace; color: #242424;
    padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .ac-teams-peoplepicker { display: flex; width: 100%; flex-wrap: wrap; gap: 6px; align-items: center; min-height: 32px;
    padding: 3px 8px; border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; box-sizing: border-box; }
  .ac-teams-peoplepicker .chip { display: inline-flex; align-items: center; gap: 6px; background: #F0F0F0;
    border-radius: 12px; padding: 1px 8px 1px 1px; font-size: 13px; color: #242424; }
  .ac-teams-peoplepicker .avatar { width: 22px; height: 22px; border-radius: 50%; background: #C5CAE9; color: #3D3F8F;
    font-size: 10px; font-weight: 600; display: inline-flex; align-items: center; justify-content: center; }
  .ac-teams-peoplepicker .x { color: #616161; font-size: 10px; }
  .ac-teams-peoplepicker .search { color: #707070; font-size: 14px; padding: 2px 4px; }
  .ac-teams-codeblock .ln { color: #8A8A8A; user-select: none; display: inline-block; width: 1.6em; }
  .ac-teams-codeblock .hdr { font: 600 12px ${FONT_STACK}; color: #616161; margin-bottom: 4px;
    display: flex; justify-content: space-between; }
`;

// Runs in the page with the UMD bundle loaded. Teams renders CodeBlock natively; this draws an
// approximation of it. Markdown: the subset Teams supports inline (backslash escapes, links, bold,
// italic), so an unescaped link or emphasis would show as one here too.
const PAGE_SCRIPT = String.raw`
  const AC = window.AdaptiveCards;
  const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  function renderInline(text) {
    const escapes = [];
    let s = text.replace(/\\([!-\/:-@\[-\x60{-~])/g, (_, c) => { escapes.push(c); return '\u0000' + (escapes.length - 1) + '\u0000'; });
    s = escapeHtml(s);
    s = s.replace(/\[([^\]\u0000]*)\]\(([^)\s\u0000]*)\)/g, '<a href="$2">$1</a>');
    s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    s = s.replace(/(^|[^\w])_([^_]+)_(?!\w)/g, '$1<em>$2</em>');
    s = s.replace(/\u0000(\d+)\u0000/g, (_, i) => escapeHtml(escapes[Number(i)]));
    return s;
  }
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text.split(/\n\n+/).map((p) => '<p>' + renderInline(p).replace(/\n/g, '<br>') + '</p>').join('');
    result.didProcess = true;
  };
  class CodeBlock extends AC.CardElement {
    getJsonTypeName() { return 'CodeBlock'; }
    internalRender() {
      const pre = document.createElement('pre');
      pre.className = 'ac-teams-codeblock';
      const header = document.createElement('div');
      header.className = 'hdr';
      header.innerHTML = '<span>' + escapeHtml(String(this.getValue(CodeBlock.languageProperty) || '')) + '</span><span>Copy</span>';
      pre.appendChild(header);
      const lines = String(this.getValue(CodeBlock.codeSnippetProperty) || '').split('\n');
      lines.forEach((line, index) => {
        const row = document.createElement('div');
        row.innerHTML = '<span class="ln">' + (index + 1) + '</span>';
        row.appendChild(document.createTextNode(line));
        pre.appendChild(row);
      });
      return pre;
    }
  }
  CodeBlock.codeSnippetProperty = new AC.StringProperty(AC.Versions.v1_0, 'codeSnippet');
  CodeBlock.languageProperty = new AC.StringProperty(AC.Versions.v1_0, 'language');
  AC.GlobalRegistry.elements.register('CodeBlock', CodeBlock);

  // Teams draws a choice set with a Data.Query as its people picker: chips and a search box.
  class TeamsChoiceSet extends AC.ChoiceSetInput {
    internalRender() {
      if (!this.choicesData || !this.choicesData.dataset) return super.internalRender();
      const box = document.createElement('div');
      box.className = 'ac-teams-peoplepicker';
      const picked = String(this.defaultValue || '').split(',').filter((v) => v);
      for (const value of picked) {
        const choice = this.choices.find((c) => c.value === value);
        const name = choice ? choice.title : value;
        const initials = name.split(/\s+/).map((w) => w.charAt(0)).join('').slice(0, 2).toUpperCase();
        const chip = document.createElement('span');
        chip.className = 'chip';
        chip.innerHTML = '<span class="avatar">' + escapeHtml(initials) + '</span>' + escapeHtml(name) + '<span class="x">✕</span>';
        box.appendChild(chip);
      }
      const search = document.createElement('span');
      search.className = 'search';
      search.textContent = this.placeholder || 'Search';
      box.appendChild(search);
      return box;
    }
  }
  AC.GlobalRegistry.elements.register('Input.ChoiceSet', TeamsChoiceSet);

  window.renderCard = (json, hostConfig) => {
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(hostConfig);
    card.parse(json);
    const element = card.render();
    const target = document.getElementById('card');
    target.replaceChildren(element);
    return target.innerHTML.length;
  };
`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>${STYLES}</style>
<script src="/adaptivecards.js"></script><script>${PAGE_SCRIPT}</script></head>
<body><div id="frame"><div id="card"></div></div></body></html>`;

/** Opens a page that renders cards with the adaptivecards UMD bundle and the Teams-like host config. */
export async function openCardPreview(context: BrowserContext): Promise<Page> {
  const bundle = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/adaptivecards.js') {
      return route.fulfill({ contentType: 'text/javascript', body: bundle });
    }
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
    return route.fulfill({ status: 404, body: '' });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    pageErrors.set(page, [...(pageErrors.get(page) ?? []), error]);
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction('typeof window.renderCard === "function"');
  return page;
}

const pageErrors = new WeakMap<Page, Error[]>();

/** Renders one card in the preview page; returns the rendered card's locator. */
export async function renderCardInPage(page: Page, card: unknown): Promise<Locator> {
  await page.evaluate(
    ([json, hostConfig]) => {
      (globalThis as unknown as { renderCard: (c: unknown, h: unknown) => number }).renderCard(
        json,
        hostConfig,
      );
    },
    [card, TEAMS_LIGHT_HOST_CONFIG] as const,
  );
  const [error] = pageErrors.get(page) ?? [];
  if (error !== undefined) throw new Error('The card preview page failed.', { cause: error });
  return page.locator('#card');
}
