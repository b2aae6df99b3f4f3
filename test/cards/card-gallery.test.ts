import { describe, expect, it } from 'vitest';
import { cardBytes, TEAMS_CARD_LIMIT_BYTES } from '../../cards/card-template';
import { cardSamples } from '../../cards/samples';
import { parseCardAction } from '../../cards/verbs';
import { allActions, allObjects } from './card-json';
import { parseAsTeams, parseWithLibraryDefaults } from './teams-card-parser';

const samples = cardSamples.map((sample) => [sample.name, sample] as const);

// Features that need more than schema 1.2: input labels 1.3, Action.Execute and refresh 1.4,
// heading text style 1.5.
function lowestVersionNeeded(card: unknown): string {
  const objects = allObjects(card);
  if (objects.some((o) => o.type === 'TextBlock' && o.style === 'heading')) return '1.5';
  if (objects.some((o) => o.type === 'Action.Execute' || 'refresh' in o)) return '1.4';
  if (objects.some((o) => typeof o.type === 'string' && o.type.startsWith('Input.'))) return '1.3';
  return '1.2';
}

describe.each(samples)('the %s card', (_name, sample) => {
  const card = sample.render();

  it('parses as Teams reads it with no validation events', () => {
    const { card: parsed, events } = parseAsTeams(card);

    expect(events).toEqual([]);
    expect(parsed.getItemCount()).toBeGreaterThan(0);
  });

  it('shows hosts without Teams extensions the fallbacks, and nothing else is unknown', () => {
    const { events } = parseWithLibraryDefaults(card);
    const expected = events.filter(
      (event) =>
        event === 'Unknown element type "CodeBlock". Fallback will be used if present.' ||
        event.startsWith('Property "choices.data" is supported in version 1.6') ||
        event === 'An Input.ChoiceSet must have at least one choice defined.',
    );

    expect(events).toEqual(expected);
  });

  it('stays under the Teams size limit', () => {
    expect(cardBytes(card)).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('declares the lowest schema version its features need, never above 1.5', () => {
    expect(card.version).toBe(lowestVersionNeeded(card));
  });

  it('has a fallback text', () => {
    expect(typeof card.fallbackText).toBe('string');
    expect(String(card.fallbackText).length).toBeGreaterThan(20);
  });

  it('gives every Teams-only element a fallback', () => {
    for (const block of allObjects(card).filter((o) => o.type === 'CodeBlock')) {
      expect(block.fallback).toBeDefined();
    }
  });

  it('puts data on every action that its verb schema accepts', () => {
    for (const action of allActions(card)) {
      // These carry no data for the bot: they open a card part or a page in the client.
      if (
        action.type === 'Action.ShowCard' ||
        action.type === 'Action.ToggleVisibility' ||
        action.type === 'Action.OpenUrl'
      )
        continue;
      const data = action.data as Record<string, unknown>;
      // What the user types is merged into the data: required inputs are filled in here.
      const withInputs = {
        comment: 'Looks good to me.',
        problem: 'Sync errors since 02:00.',
        ...data,
      };
      const value =
        action.type === 'Action.Execute'
          ? { action: { type: 'Action.Execute', verb: action.verb, data: withInputs } }
          : withInputs;

      const parsed = parseCardAction(value);

      expect(parsed).toMatchObject({ ok: true, action: { verb: data.verb } });
      if (action.type === 'Action.Execute') expect(action.verb).toBe(data.verb);
    }
  });
});

describe('the gallery', () => {
  it('names every sample once', () => {
    const names = cardSamples.map((sample) => sample.name);

    expect(new Set(names).size).toBe(names.length);
  });
});
