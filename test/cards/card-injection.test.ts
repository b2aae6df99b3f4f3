import { describe, expect, it } from 'vitest';
import { cardSamples } from '../../cards/samples';
import { hostileText } from '../../cards/samples/sample-migration';
import { allObjects } from './card-json';
import { unescapedMarkup } from './markup';

/** Text a client reads as markdown: TextBlock text and FactSet titles and values. */
function markdownTexts(card: unknown): string[] {
  return allObjects(card).flatMap((object) => {
    if (object.type === 'TextBlock' && typeof object.text === 'string') return [object.text];
    const isFact = !('type' in object) && typeof object.title === 'string';
    if (isFact && typeof object.value === 'string') return [object.title as string, object.value];
    return [];
  });
}

/** Text a client shows as it is: input values and choice titles. */
function plainTexts(card: unknown): string[] {
  return allObjects(card).flatMap((object) =>
    typeof object.value === 'string' && typeof object.type === 'string'
      ? [object.value]
      : typeof object.title === 'string' && typeof object.value === 'string' && !('type' in object)
        ? [object.title]
        : [],
  );
}

describe.each(cardSamples.map((sample) => [sample.name, sample] as const))(
  'the %s card',
  (_name, sample) => {
    it('escapes every markup character in its markdown text, its own text included', () => {
      const card = sample.render();

      const unescaped = markdownTexts(card).flatMap((text) =>
        unescapedMarkup(text).map((found) => `${found} in ${JSON.stringify(text)}`),
      );

      expect(unescaped).toEqual([]);
    });

    it('leaves no template expression anywhere', () => {
      expect(JSON.stringify(sample.render())).not.toContain('${');
    });
  },
);

describe.each(
  cardSamples.filter((sample) => sample.hostile === true).map((s) => [s.name, s] as const),
)('the %s card with hostile user or evidence text', (_name, sample) => {
  it('still shows the text, as text', () => {
    const card = sample.render();
    const shown = [...markdownTexts(card), ...plainTexts(card)].join('\n');

    expect(shown).toMatch(/\\\[approve here\\\]\(https:\/\/evil\.example|\[approve here\]\(https/);
  });

  it('shows a markdown link only as escaped characters', () => {
    const markdown = markdownTexts(sample.render()).join('\n');

    expect(markdown).not.toMatch(/(^|[^\\])\[approve here\]\(/);
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
  });
});

it('has hostile samples for every card that shows user or evidence text', () => {
  const cards = new Set(cardSamples.filter((s) => s.hostile === true).map((s) => s.card));

  expect([...cards].sort()).toEqual(
    [
      'approval outcome',
      'approval request',
      'checkpoint result',
      'cloud sync form',
      'configuration diff',
      'final report',
      'history',
      'rollback guide',
      'start form',
    ].sort(),
  );
  expect(hostileText).toContain('${');
  expect(hostileText).toContain('{{DATE(');
});
