// Reads Adaptive Card JSON as a person sees it in Teams: the text, facts, inputs and buttons. Cards
// are whatever the bot sent, so every property is checked before use, never assumed.

/** One input of a card, with what a client needs to fill and validate it. */
export interface CardInput {
  readonly id: string;
  readonly type: string;
  readonly label: string | undefined;
  readonly placeholder: string | undefined;
  /** The value the card shows before anyone types, as the client would submit it. */
  readonly value: string;
  readonly isRequired: boolean;
  readonly errorMessage: string | undefined;
  readonly regex: string | undefined;
  readonly maxLength: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly choices: readonly { readonly title: string; readonly value: string }[];
  readonly isMultiSelect: boolean;
  /** Choices come from a search (people picker), so any value can be picked. */
  readonly dynamicChoices: boolean;
  readonly valueOn: string;
  readonly valueOff: string;
}

/** A button of a card, with the inputs its click would gather. */
export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly verb: string | undefined;
  readonly data: unknown;
  readonly inputs: readonly CardInput[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function records(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function isHidden(element: Json): boolean {
  return element.isVisible === false;
}

/** The card as lines of readable text: text blocks, facts, inputs and buttons, in card order. */
export function cardLines(card: unknown): string[] {
  if (!isRecord(card)) return [];
  return [...elementsLines(records(card.body)), ...actionLines(records(card.actions))];
}

function elementsLines(elements: Json[]): string[] {
  return elements.filter((element) => !isHidden(element)).flatMap(elementLines);
}

function elementLines(element: Json): string[] {
  const type = text(element.type) ?? '';
  if (type.startsWith('Input.')) return [inputLine(readInput(element))];
  switch (type) {
    case 'TextBlock':
      return nonEmpty(renderMarkdown(text(element.text) ?? ''));
    case 'RichTextBlock':
      return nonEmpty(
        (Array.isArray(element.inlines) ? element.inlines : [])
          .map((inline) => (isRecord(inline) ? text(inline.text) : text(inline)) ?? '')
          .join(''),
      );
    case 'FactSet':
      return records(element.facts).map(
        (fact) =>
          `${renderMarkdown(text(fact.title) ?? '')}: ${renderMarkdown(text(fact.value) ?? '')}`,
      );
    case 'Container':
      return elementsLines(records(element.items));
    case 'Column':
      return elementsLines(records(element.items));
    case 'ColumnSet':
      return columnSetLines(records(element.columns));
    case 'Table':
      return records(element.rows).map((row) =>
        records(row.cells)
          .map((cell) => elementsLines(records(cell.items)).join(' '))
          .join(' | '),
      );
    case 'CodeBlock':
      return (text(element.codeSnippet) ?? '').split('\n').map((line) => `    ${line}`);
    case 'Image':
      return [`[image${element.altText === undefined ? '' : `: ${text(element.altText) ?? ''}`}]`];
    case 'ImageSet':
      return elementsLines(records(element.images));
    case 'ActionSet':
      return actionLines(records(element.actions));
    default:
      // A client that does not know an element shows its fallback, if it has one.
      return isRecord(element.fallback) ? elementLines(element.fallback) : [`[${type}]`];
  }
}

/**
 * The subset of Markdown Teams renders in text blocks and facts, as the reader sees it: escapes
 * (`2\.6.92.0`, `\>`) become the character, emphasis markers go, links read `text (url)`.
 */
export function renderMarkdown(markdown: string): string {
  // Escaped characters are set aside first so that they never pair up as emphasis.
  const escaped: string[] = [];
  const hidden = markdown.replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, (_match, char: string) => {
    escaped.push(char);
    return `\uE000${String(escaped.length - 1)}\uE001`;
  });
  return (
    hidden
      .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
      .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '$1')
      .replace(/\*(?=\S)(.+?)(?<=\S)\*/g, '$1')
      // An underscore inside a word (MSOL_ab12_) is no emphasis.
      .replace(/(?<![\p{L}\p{N}])(__?)(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}])/gu, '$2')
      .replace(/\uE000(\d+)\uE001/g, (_match, index: string) => escaped[Number(index)] ?? '')
  );
}

function nonEmpty(value: string | undefined): string[] {
  return value === undefined || value.trim() === '' ? [] : [value];
}

function columnSetLines(columns: Json[]): string[] {
  const rendered = columns
    .filter((column) => !isHidden(column))
    .map((column) => elementLines({ ...column, type: 'Column' }));
  // Columns of one line each read as one row, the way they sit side by side on screen.
  if (rendered.every((lines) => lines.length <= 1)) {
    const row = rendered.flat().join('  ');
    return row === '' ? [] : [row];
  }
  return rendered.flat();
}

function actionLines(actions: Json[]): string[] {
  const visible = actions.filter((action) => !isHidden(action));
  if (visible.length === 0) return [];
  const buttons = visible.map((action) => {
    const title = text(action.title) ?? '';
    switch (text(action.type)) {
      case 'Action.OpenUrl':
        return `[ ${title} ↗ ]`;
      case 'Action.ShowCard':
        return `[ ${title} ▾ ]`;
      default:
        return `[ ${title} ]`;
    }
  });
  const shown = visible.flatMap((action) =>
    text(action.type) === 'Action.ShowCard' && isRecord(action.card)
      ? [`  ▾ ${text(action.title) ?? ''}:`, ...cardLines(action.card).map((line) => `    ${line}`)]
      : [],
  );
  return [buttons.join(' '), ...shown];
}

function inputLine(input: CardInput): string {
  const name = `${input.label ?? input.placeholder ?? input.id} [${input.id}]${input.isRequired ? ' *' : ''}`;
  if (input.type === 'Input.Toggle') {
    return `▸ ${input.value === input.valueOn ? '[x]' : '[ ]'} ${name}`;
  }
  if (input.type === 'Input.ChoiceSet') {
    const picked = new Set(input.value.split(',').filter((value) => value !== ''));
    const [on, off] = input.isMultiSelect ? ['[x]', '[ ]'] : ['(•)', '( )'];
    const listed = input.choices.map(
      (choice) => `${picked.has(choice.value) ? on : off} ${choice.title}`,
    );
    const searched = input.dynamicChoices
      ? [`search${picked.size === 0 ? '' : `: ${[...picked].join(', ')}`}`]
      : [];
    return `▸ ${name}: ${[...listed, ...searched].join('  ')}`;
  }
  if (input.value !== '') return `▸ ${name}: ${input.value}`;
  return `▸ ${name}: ___${input.placeholder === undefined ? '' : ` (e.g. ${input.placeholder})`}`;
}

/** Every input of a card (containers and columns included, show-cards excluded), in card order. */
export function cardInputs(card: unknown): CardInput[] {
  if (!isRecord(card)) return [];
  return inputsOf(records(card.body));
}

function inputsOf(elements: Json[]): CardInput[] {
  return elements.flatMap((element) => {
    const type = text(element.type) ?? '';
    if (type.startsWith('Input.')) {
      return text(element.id) === undefined ? [] : [readInput(element)];
    }
    return inputsOf(childElements(element));
  });
}

function readInput(element: Json): CardInput {
  const type = text(element.type) ?? '';
  const choices = records(element.choices).map((choice) => ({
    title: text(choice.title) ?? '',
    value: text(choice.value) ?? '',
  }));
  const valueOn = text(element.valueOn) ?? 'true';
  const valueOff = text(element.valueOff) ?? 'false';
  const label = text(element.label) ?? (type === 'Input.Toggle' ? text(element.title) : undefined);
  return {
    id: text(element.id) ?? '',
    type,
    label,
    placeholder: text(element.placeholder),
    value: text(element.value) ?? (type === 'Input.Toggle' ? valueOff : ''),
    isRequired: element.isRequired === true,
    errorMessage: text(element.errorMessage),
    regex: text(element.regex),
    maxLength: typeof element.maxLength === 'number' ? element.maxLength : undefined,
    min: typeof element.min === 'number' ? element.min : undefined,
    max: typeof element.max === 'number' ? element.max : undefined,
    choices,
    isMultiSelect: element.isMultiSelect === true,
    dynamicChoices: isRecord(element['choices.data']),
    valueOn,
    valueOff,
  };
}

/**
 * Every button of a card: its actions, those of action sets in its body, and those inside
 * show-cards, each with the inputs a click gathers (the card's own and its parents').
 */
export function cardButtons(card: unknown, parentInputs: readonly CardInput[] = []): CardButton[] {
  if (!isRecord(card)) return [];
  const inputs = [...parentInputs, ...cardInputs(card)];
  const actions = [...actionSetActions(records(card.body)), ...records(card.actions)];
  return actions.flatMap((action): CardButton[] => {
    const type = text(action.type) ?? '';
    if (type === 'Action.ShowCard') return cardButtons(action.card, inputs);
    return [
      {
        type,
        title: text(action.title) ?? '',
        verb: text(action.verb),
        data: action.data,
        // associatedInputs "none" sends the data alone.
        inputs: text(action.associatedInputs)?.toLowerCase() === 'none' ? [] : inputs,
      },
    ];
  });
}

function actionSetActions(elements: Json[]): Json[] {
  return elements.flatMap((element) =>
    text(element.type) === 'ActionSet'
      ? records(element.actions)
      : actionSetActions(childElements(element)),
  );
}

/** What a container-like element holds: container items, columns, table cells. */
function childElements(element: Json): Json[] {
  return [
    ...records(element.items),
    ...records(element.columns),
    ...records(element.rows).flatMap((row) => records(row.cells)),
  ];
}
