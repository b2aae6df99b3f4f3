// Adaptive Card TextBlock and FactSet text, and the markdown of a Teams text message, are CommonMark
// subsets in which a backslash before any ASCII punctuation shows that character literally.
// Escaping these everywhere keeps user and evidence text from forming links, images, emphasis,
// code, HTML (mentions `<at>` included), entities or table cells.
const INLINE_SYNTAX = /[\\`*_~[\]<>&|]/g;

// Block syntax only counts at the start of a line: headings, lists, quotes, setext underlines.
const LINE_START_MARKER = /^([ \t]*)([-+#=>])/gm;
const LINE_START_ORDERED = /^([ \t]*\d+)([.)])/gm;

// A `${` that survives into card JSON would be evaluated by adaptivecards-templating, and Teams and
// the adaptivecards renderer format `{{DATE(...)}}` and `{{TIME(...)}}` in any text: escaping every
// `{` breaks both, and a markdown renderer still shows the brace.
const OPEN_BRACE = /\{/g;

// Embedding, override and isolate controls can make text display in a different order than it is.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Makes user or evidence text safe to place in a card or a markdown text message: shown literally,
 * never as markup.
 */
export function escapeCardText(text: string): string {
  return text
    .replace(BIDI_CONTROLS, '')
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(LINE_START_MARKER, '$1\\$2')
    .replace(LINE_START_ORDERED, '$1\\$2')
    .replace(OPEN_BRACE, '\\{');
}
