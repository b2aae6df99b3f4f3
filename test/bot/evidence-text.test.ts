import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evidenceTextOf, type PastedMessage } from '../../bot/evidence-text';
import { loadPlaygroundActivity } from '../support/playground-activity';

const serviceUrl = 'http://127.0.0.1:1/_connector';

const playgroundMessage = z.looseObject({
  text: z.string(),
  entities: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  recipient: z.object({ id: z.string(), name: z.string() }),
});

function fixture(name: string, changes: Readonly<Record<string, unknown>> = {}): PastedMessage {
  return playgroundMessage.parse(loadPlaygroundActivity(name, serviceUrl, changes));
}

/** A personal-chat message as real Teams sends it: a plain rendering plus the HTML attachment. */
function teamsMessage(html: string, text = ''): PastedMessage {
  return fixture('message.personal.multiline-fill.json', {
    text,
    attachments: [{ contentType: 'text/html', content: html }],
  });
}

/** What the Teams composer makes of pasted lines: one paragraph each, spaces kept as &nbsp;. */
function teamsHtmlOf(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const escaped = line.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      const spaced = escaped.replace(/ {2,}|^ /g, (run) => '&nbsp;'.repeat(run.length));
      return `<p>${spaced === '' ? '&nbsp;' : spaced}</p>`;
    })
    .join('');
}

/** The captured output of a real fixture, without its provenance header. */
function realOutput(name: string): string {
  const content = readFileSync(join(__dirname, '..', 'fixtures', 'real', name), 'utf8');
  const marker = '# ---';
  const start = content.indexOf('\n', content.indexOf(marker)) + 1;
  return content.slice(start).trimEnd();
}

describe('pasted evidence from Playground fixtures', () => {
  it('returns a multi-line paste put in the composer byte for byte, raw < & and quotes included', () => {
    const message = fixture('message.personal.multiline-fill.json');
    expect(evidenceTextOf(message)).toEqual({ text: message.text, source: 'text' });
    expect(evidenceTextOf(message).text).toContain(
      '\n      nested <tag> & "quotes" \'single\'\nPS C:\\> ',
    );
  });

  it('returns a flattened paste unchanged: the lost line breaks are left to the tolerant parsers', () => {
    const message = fixture('message.personal.multiline-paste-flattened.json');
    expect(evidenceTextOf(message)).toEqual({ text: message.text, source: 'text' });
  });

  it("drops the bot's own mention in a channel post and a group chat", () => {
    expect(evidenceTextOf(fixture('message.channel.mention.json')).text).toBe('hello channel');
    expect(evidenceTextOf(fixture('message.groupChat.mention.json')).text).toBe('hello group');
  });

  it('drops a mention wrapped in \\r\\n and keeps the indentation of the first output line', () => {
    const message = fixture('message.groupChat.mention.json', {
      text: '<at>Test Bot</at>\r\n    Name                 Length\r\n    ----                 ------',
    });
    expect(evidenceTextOf(message).text).toBe(
      '    Name                 Length\n    ----                 ------',
    );
  });

  it('takes away only the one space Teams puts after a mention', () => {
    const message = fixture('message.groupChat.mention.json', {
      text: '<at>Test Bot</at>&nbsp;   indented',
    });
    expect(evidenceTextOf(message).text).toBe('   indented');
  });

  it('keeps mentions of other people', () => {
    const message = fixture('message.channel.mention.json', {
      text: '<at>Test Bot</at> ask <at>Megan Bowen</at>',
    });
    expect(evidenceTextOf(message).text).toBe('ask <at>Megan Bowen</at>');
  });
});

describe('pasted evidence from the Teams HTML attachment', () => {
  it('turns paragraphs into lines, decodes entities and keeps &nbsp; indentation as spaces', () => {
    const html =
      '<p>PS C:\\&gt; Get-ADSyncScheduler</p><p>&nbsp;&nbsp;AllowedSyncCycleInterval : 00:30:00</p>';
    expect(
      evidenceTextOf(teamsMessage(html, 'PS C:\\> Get-ADSyncScheduler AllowedSync...')),
    ).toEqual({
      text: 'PS C:\\> Get-ADSyncScheduler\n  AllowedSyncCycleInterval : 00:30:00',
      source: 'html',
    });
  });

  it('gives back a real Get-ADSyncScheduler transcript line for line', () => {
    const output = realOutput('01a-get-adsyncscheduler-staging-off-sync-enabled-2025.txt');
    const flattened = output.replaceAll('\n', '');
    expect(evidenceTextOf(teamsMessage(teamsHtmlOf(output), flattened))).toEqual({
      text: output,
      source: 'html',
    });
  });

  it('keeps a code block verbatim and decodes its entities exactly once', () => {
    const html =
      '<div><codeblock class="PowerShell"><code>PS C:\\&gt; Get-ADSyncScheduler\n\n' +
      'StagingModeEnabled                  : False\n' +
      '    nested &amp;lt;tag&amp;gt; &amp;amp; done</code></codeblock></div>';
    expect(evidenceTextOf(teamsMessage(html)).text).toBe(
      'PS C:\\> Get-ADSyncScheduler\n\nStagingModeEnabled                  : False\n' +
        '    nested &lt;tag&gt; &amp; done',
    );
  });

  it('keeps <pre> content with its spans dropped and the newline after <pre> ignored', () => {
    const html =
      '<pre>\n<span class="hljs-keyword">Result</span>\n------\nSuccess</pre><p>after</p>';
    expect(evidenceTextOf(teamsMessage(html)).text).toBe('Result\n------\nSuccess\nafter');
  });

  it('turns <br> into a line break and an empty <div><br></div> into one blank line', () => {
    const html = '<div>Result<br>------</div><div><br></div><div>Success</div>';
    expect(evidenceTextOf(teamsMessage(html)).text).toBe('Result\n------\n\nSuccess');
  });

  it('puts list items and table rows on their own lines', () => {
    const html =
      '<ul><li>one</li><li>two</li></ul><table><tr><td>Name</td><td>Value</td></tr>' +
      '<tr><td>SyncCycleEnabled</td><td>True</td></tr></table>';
    expect(evidenceTextOf(teamsMessage(html)).text).toBe(
      'one\ntwo\nName\tValue\nSyncCycleEnabled\tTrue',
    );
  });

  it("drops the bot's <at> mention and its Teams mention span, and keeps other people's names", () => {
    const atMention = teamsMessage(
      '<div><div><at>Test Bot</at>&nbsp;StagingModeEnabled : True</div></div>',
    );
    expect(evidenceTextOf(atMention).text).toBe('StagingModeEnabled : True');

    const span = (name: string, id: number): string =>
      `<span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="${id}">${name}</span>`;
    const spans = teamsMessage(
      `<p>${span('Test Bot', 0)}&nbsp;checked with ${span('Megan Bowen', 1)}</p>`,
    );
    expect(evidenceTextOf(spans).text).toBe('checked with Megan Bowen');
  });

  it('knows the bot by its mention entity when the recipient has no name', () => {
    const message = {
      ...fixture('message.channel.mention.json'),
      recipient: { id: '00000000-0000-0000-0000-00000000000011' },
      attachments: [{ contentType: 'text/html', content: '<p><at>Test Bot</at> status</p>' }],
    };
    expect(evidenceTextOf(message).text).toBe('status');
  });

  it('decodes numeric entities and &amp; once, and converts \\r\\n', () => {
    const html = '<p>A&#58;&#x20;1&#9;&amp;amp;</p>\r\n<p>B\r\nC</p>';
    expect(evidenceTextOf(teamsMessage(html)).text).toBe('A: 1\t&amp;\nB\nC');
  });

  it('drops script and style content', () => {
    const html = '<style>p{color:red}</style><p>ok</p><script>alert(1)</script>';
    expect(evidenceTextOf(teamsMessage(html)).text).toBe('ok');
  });

  it('falls back to activity.text when the HTML attachment holds no text', () => {
    for (const html of ['', '<p>&nbsp;</p>', '<div><at>Test Bot</at></div>']) {
      expect(evidenceTextOf(teamsMessage(html, 'StagingModeEnabled : False'))).toEqual({
        text: 'StagingModeEnabled : False',
        source: 'text',
      });
    }
  });

  it('ignores attachments that are not text/html', () => {
    const message = fixture('message.personal.multiline-fill.json', {
      text: 'plain',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard' },
        },
        { contentType: 'text/html' },
        'not an attachment',
      ],
    });
    expect(evidenceTextOf(message)).toEqual({ text: 'plain', source: 'text' });
  });
});

const markupPieces = fc.constantFrom(
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<br>',
  '</br>',
  '<at>',
  '</at>',
  '<at>Test Bot</at>',
  '<span itemtype="http://schema.skype.com/Mention">',
  '</span>',
  '<pre>',
  '</pre>',
  '<code>',
  '<codeblock>',
  '</codeblock>',
  '<td>',
  '<script>',
  '<!--',
  '-->',
  '&amp;',
  '&nbsp;',
  '&#',
  '&#x',
  ';',
  '<',
  '>',
  '&',
  ' ',
  '\n',
  '\r\n',
  'a',
  '9',
);
const markupHeavy = fc.array(markupPieces, { maxLength: 60 }).map((pieces) => pieces.join(''));
const anyText = fc.oneof(markupHeavy, fc.string({ unit: 'binary', maxLength: 120 }));
const plainWord = fc.stringMatching(/^[A-Za-z0-9:.\\-]{1,12}$/);
const indentedLines = fc.array(fc.tuple(fc.nat(8), plainWord), { minLength: 1, maxLength: 12 });

describe('evidence text properties', () => {
  it('never throws, whatever the text and the HTML', () => {
    fc.assert(
      fc.property(anyText, anyText, (text, html) => {
        const message = fixture('message.channel.mention.json', {
          text,
          attachments: [{ contentType: 'text/html', content: html }],
        });
        expect(typeof evidenceTextOf(message).text).toBe('string');
      }),
    );
  });

  it('gives back plain text without markup unchanged, apart from \\r\\n', () => {
    const plain = fc
      .string({ unit: 'binary', maxLength: 200 })
      .filter((text) => !/[<&\u00a0]/.test(text));
    fc.assert(
      fc.property(plain, (text) => {
        const message = fixture('message.personal.multiline-fill.json', { text });
        expect(evidenceTextOf(message)).toEqual({
          text: text.replaceAll('\r\n', '\n'),
          source: 'text',
        });
      }),
    );
  });

  it('keeps leading spaces, from the text and from the HTML attachment', () => {
    fc.assert(
      fc.property(indentedLines, (lines) => {
        const text = lines.map(([indent, word]) => ' '.repeat(indent) + word).join('\n');
        expect(evidenceTextOf(fixture('message.personal.multiline-fill.json', { text })).text).toBe(
          text,
        );
        expect(evidenceTextOf(teamsMessage(teamsHtmlOf(text), 'flattened')).text).toBe(text);
      }),
    );
  });
});
