import { describe, expect, it } from 'vitest';
import { cardSamples } from '../../cards/samples';
import { hostileText } from '../../cards/samples/sample-migration';
import { allObjects } from './card-json';

/** Text a client reads as markdown: TextBlock text and FactSet titles and values. */
function markdownTexts(card: unknown): string[] {
  return allObjects(card).flatMap((object) => {
    if (object.type === 'TextBlock' && typeof object.text === 'string') return [object.text];
    if (
      typeof object.title === 'string' &&
      typeof object.value === 'string' &&
      !('type' in object)
    ) {
      return [object.title, object.value];
    }
    return [];
  });
}

const hostile = cardSamples.filter((sample) => sample.hostile === true);

describe.each(hostile.map((sample) => [sample.name, sample] as const))(
  'the %s card with hostile evidence text',
  (_name, sample) => {
    const card = sample.render();
    const texts = markdownTexts(card);
    const shown = texts.join('\n');

    it('shows the text (it is not dropped)', () => {
      expect(shown).toContain('approve here');
      expect(shown).toContain('onerror=alert(1)');
    });

    it('turns the markdown link, HTML and emphasis into literal characters', () => {
      expect(shown).toContain('\\[approve here\\](https://evil.example/approve)');
      expect(shown).toContain('\\<img src=x onerror=alert(1)\\>');
      expect(shown).toContain('\\*\\*URGENT\\*\\*');
      expect(shown).toContain('\\_MSOL\\_ab12\\_');
      expect(shown).not.toMatch(/(^|[^\\])\[approve here\]\(/);
      expect(shown).not.toMatch(/(^|[^\\])<img/);
    });

    it('leaves no template expression anywhere in the card', () => {
      expect(JSON.stringify(card)).not.toContain('${');
    });
  },
);

it('has at least one hostile sample for every card that shows user or evidence text', () => {
  expect(hostile.map((sample) => sample.card)).toEqual(expect.arrayContaining(['start form']));
  expect(hostileText).toContain('${');
});
