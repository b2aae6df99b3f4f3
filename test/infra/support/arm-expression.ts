// The ARM template expression language, parsed: `[format('{0}x', parameters('a')).b[0]]`.
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions

/** One parsed expression. */
export type ArmExpression =
  | { readonly kind: 'literal'; readonly value: string | number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ArmExpression[] }
  | { readonly kind: 'property'; readonly target: ArmExpression; readonly name: string }
  | { readonly kind: 'index'; readonly target: ArmExpression; readonly index: ArmExpression };

type Token =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'punct'; readonly value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (/\s/.test(char)) {
      i++;
    } else if (char === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated string in ${text}`);
        if (text.charAt(i) === "'") {
          // A doubled quote is a quote.
          if (text.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text.charAt(i);
        i++;
      }
      tokens.push({ kind: 'string', value });
    } else if (/[-0-9]/.test(char)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) throw new Error(`bad number at ${String(i)} in ${text}`);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      const name = match?.[0] ?? char;
      tokens.push({ kind: 'name', value: name });
      i += name.length;
    } else if ('(),.[]'.includes(char)) {
      tokens.push({ kind: 'punct', value: char });
      i++;
    } else {
      throw new Error(`unexpected "${char}" in ${text}`);
    }
  }
  return tokens;
}

/** Parses the inside of a `[...]` template string. */
export function parseArmExpression(text: string): ArmExpression {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const expectPunct = (value: string): void => {
    const token = tokens[position];
    if (token?.kind !== 'punct' || token.value !== value) {
      throw new Error(`expected "${value}" at token ${String(position)} in ${text}`);
    }
    position++;
  };

  const parsePrimary = (): ArmExpression => {
    const token = tokens[position];
    if (token === undefined) throw new Error(`unexpected end of ${text}`);
    position++;
    if (token.kind === 'string' || token.kind === 'number') {
      return { kind: 'literal', value: token.value };
    }
    if (token.kind !== 'name') throw new Error(`unexpected "${token.value}" in ${text}`);
    expectPunct('(');
    const args: ArmExpression[] = [];
    const next = peek();
    if (!(next?.kind === 'punct' && next.value === ')')) {
      for (;;) {
        args.push(parseExpression());
        const separator = peek();
        if (separator?.kind === 'punct' && separator.value === ',') {
          position++;
          continue;
        }
        break;
      }
    }
    expectPunct(')');
    return { kind: 'call', name: token.value, args };
  };

  const parseExpression = (): ArmExpression => {
    let expression = parsePrimary();
    for (;;) {
      const token = peek();
      if (token?.kind === 'punct' && token.value === '.') {
        position++;
        const name = tokens[position];
        if (name?.kind !== 'name') throw new Error(`expected a property name in ${text}`);
        position++;
        expression = { kind: 'property', target: expression, name: name.value };
      } else if (token?.kind === 'punct' && token.value === '[') {
        position++;
        const index = parseExpression();
        expectPunct(']');
        expression = { kind: 'index', target: expression, index };
      } else {
        return expression;
      }
    }
  };

  const expression = parseExpression();
  if (position !== tokens.length) throw new Error(`trailing tokens in ${text}`);
  return expression;
}

/** A template string that is an expression (`[...]`, but not the `[[` escape). */
export function expressionOf(value: string): ArmExpression | undefined {
  if (value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']')) {
    return parseArmExpression(value.slice(1, -1));
  }
  return undefined;
}
