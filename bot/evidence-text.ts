import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';
import { z } from 'zod';
import type { MentionSource } from './remove-bot-mention';

/** The parts of a Teams message that carry pasted evidence. */
export interface PastedMessage extends MentionSource {
  readonly attachments?: readonly unknown[] | undefined;
}

/** Pasted evidence as text, and whether it came from the HTML attachment or `activity.text`. */
export interface EvidenceText {
  readonly text: string;
  readonly source: 'html' | 'text';
}

const htmlAttachmentSchema = z.looseObject({
  contentType: z.literal('text/html'),
  content: z.string(),
});

const mentionEntitySchema = z.looseObject({
  type: z.literal('mention'),
  mentioned: z.looseObject({ id: z.string(), name: z.string().optional() }),
  text: z.string(),
});

const TEAMS_MENTION_ITEMTYPE = 'http://schema.skype.com/Mention';

// Closing (or opening) one of these starts a new line, as a browser would render it.
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'codeblock',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
const VERBATIM_TAGS = new Set(['pre', 'code', 'codeblock']);
const HIDDEN_TAGS = new Set(['script', 'style', 'head', 'title', 'template']);
const CELL_TAGS = new Set(['td', 'th']);

/**
 * The evidence an admin pasted, normalised the way E2E-PLAYGROUND.md describes real Teams: the
 * `text/html` attachment when it has any text (it keeps line breaks that `activity.text` can lose),
 * else `activity.text`; the bot's own mention removed; entities decoded once; `\r\n` as `\n`.
 * Leading spaces are never collapsed: column-aligned PowerShell output depends on them.
 */
export function evidenceTextOf(message: PastedMessage): EvidenceText {
  const botNames = botNamesOf(message);
  for (const attachment of message.attachments ?? []) {
    const html = htmlAttachmentSchema.safeParse(attachment);
    if (!html.success) continue;
    const text = textOfHtml(html.data.content, botNames);
    if (text.trim() !== '') return { text, source: 'html' };
  }
  return { text: textOfPlain(message.text ?? '', botNames), source: 'text' };
}

/** Every name the bot is mentioned by in this message: entity texts, the recipient's name. */
function botNamesOf(message: PastedMessage): Set<string> {
  const names = new Set<string>();
  const botId = message.recipient?.id;
  const add = (name: string | undefined): void => {
    const trimmed = name?.trim();
    if (trimmed !== undefined && trimmed !== '') names.add(trimmed);
  };
  add(message.recipient?.name);
  for (const entity of message.entities ?? []) {
    const mention = mentionEntitySchema.safeParse(entity);
    if (!mention.success || botId === undefined || mention.data.mentioned.id !== botId) continue;
    add(mention.data.mentioned.name);
    add(innerTextOfAt(mention.data.text));
  }
  return names;
}

function innerTextOfAt(mentionText: string): string | undefined {
  const open = '<at>';
  const close = '</at>';
  if (!mentionText.startsWith(open) || !mentionText.endsWith(close)) return undefined;
  return mentionText.slice(open.length, mentionText.length - close.length);
}

/** `activity.text`: no tag is dropped, since a raw `<tag>` in plain text is part of the output. */
function textOfPlain(raw: string, botNames: ReadonlySet<string>): string {
  let text = raw;
  let removed = false;
  for (const name of botNames) {
    const mention = `<at>${name}</at>`;
    for (let at = text.indexOf(mention); at !== -1; at = text.indexOf(mention, at)) {
      text = text.slice(0, at) + text.slice(afterSeparator(text, at + mention.length));
      removed = true;
    }
  }
  text = finishText(decodeHTMLStrict(text));
  // Only a removed mention leaves edges to tidy; any other plain text comes back as it was sent.
  return removed ? tidyEdges(text) : text;
}

/** Teams puts one space (often `&nbsp;`) between a mention and the text: it goes with the mention. */
function afterSeparator(text: string, index: number): number {
  for (const separator of [' ', '\u00a0', '&nbsp;']) {
    if (text.startsWith(separator, index)) return index + separator.length;
  }
  return index;
}

function textOfHtml(html: string, botNames: ReadonlySet<string>): string {
  const out: string[] = [];
  let pending = '';
  let verbatimDepth = 0;
  let hiddenDepth = 0;
  let mentionDepth = 0;
  let mentionText = '';
  let dropSeparator = false;
  let dropNewline = false;

  const lineStarted = (): boolean => {
    const last = out.at(-1);
    return last !== undefined && !last.endsWith('\n');
  };
  const emit = (piece: string): void => {
    let text = piece;
    // An HTML parser ignores a newline right after <pre>; the source formatting is not content.
    if (dropNewline && text.startsWith('\n')) text = text.slice(1);
    if (dropSeparator) text = text.slice(afterSeparator(text, 0));
    dropNewline = false;
    dropSeparator = false;
    if (text !== '') out.push(text);
  };
  const newLine = (): void => {
    flush();
    dropSeparator = false;
    if (lineStarted()) out.push('\n');
  };
  const flush = (): void => {
    const text = pending;
    pending = '';
    // Whitespace with a line break between tags is how the HTML was laid out, not what was pasted.
    if (text === '' || (verbatimDepth === 0 && text.trim() === '' && text.includes('\n'))) return;
    emit(text);
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        flush();
        if (mentionDepth > 0) {
          mentionDepth++;
          return;
        }
        if (name === 'at' || attributes.itemtype === TEAMS_MENTION_ITEMTYPE) {
          mentionDepth = 1;
          mentionText = '';
          return;
        }
        if (name === 'br') {
          out.push('\n');
          return;
        }
        if (HIDDEN_TAGS.has(name)) hiddenDepth++;
        if (BLOCK_TAGS.has(name)) newLine();
        if (CELL_TAGS.has(name) && lineStarted()) out.push('\t');
        if (VERBATIM_TAGS.has(name)) {
          verbatimDepth++;
          dropNewline = name === 'pre';
        }
      },
      ontext(text) {
        if (mentionDepth > 0) mentionText += text;
        else if (hiddenDepth === 0) pending += text;
      },
      onclosetag(name) {
        flush();
        if (mentionDepth > 0) {
          mentionDepth--;
          if (mentionDepth > 0) return;
          if (botNames.has(mentionText.trim())) dropSeparator = true;
          else emit(mentionText);
          return;
        }
        if (name === 'br') return;
        if (HIDDEN_TAGS.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        if (VERBATIM_TAGS.has(name)) verbatimDepth = Math.max(0, verbatimDepth - 1);
        if (BLOCK_TAGS.has(name)) newLine();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  // Teams keeps an empty paragraph open with &nbsp;: such a line is blank, not indented.
  return tidyEdges(finishText(out.join('')).replace(/^[ \t]+$/gm, ''));
}

function finishText(text: string): string {
  return text.replaceAll('\r\n', '\n').replaceAll('\u00a0', ' ');
}

/** Drops blank lines before the first line and whitespace after the last; indentation stays. */
function tidyEdges(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}
