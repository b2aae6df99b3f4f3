import { describe, expect, it } from 'vitest';
import { renderHelpCard, type HelpCardView } from '../../cards/help-card';
import helpTemplate from '../../cards/templates/help.json';
import { parseAsTeams } from './teams-card-parser';

const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

const view: HelpCardView = {
  commands: [
    { name: 'help', description: 'Show this card.' },
    { name: 'start migration', description: 'Start a swing migration.' },
    { name: 'status', description: 'Show where a migration stands.' },
    { name: 'list', description: 'List the migrations.' },
  ],
  minimumSyncVersion: '2.5.79.0',
  enforcedSince: '30 September 2026',
  targetVersion: '2.6.84.0',
  targetBy: '7 April 2027',
};

describe('renderHelpCard', () => {
  it('renders a card the adaptivecards library parses without validation events', () => {
    const { card, events } = parseAsTeams(renderHelpCard(view));

    expect(events).toEqual([]);
    expect(card.getItemCount()).toBeGreaterThan(0);
  });

  it('stays under the Teams message size limit', () => {
    const bytes = Buffer.byteLength(JSON.stringify(renderHelpCard(view)), 'utf8');

    expect(bytes).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('lists every command with its description', () => {
    const card = renderHelpCard(view);
    const facts = JSON.stringify(card);

    for (const command of view.commands) {
      expect(facts).toContain(`{"title":"${command.name}","value":"${command.description}"}`);
    }
  });

  it('names the version that still syncs and since when', () => {
    const text = JSON.stringify(renderHelpCard(view));

    expect(text).toContain('2.5.79.0');
    expect(text).toContain('30 September 2026');
    expect(text).toContain('Entra Connect migration assistant');
  });

  it('names the next requirement: the target version with application-based authentication, and its date', () => {
    const text = JSON.stringify(renderHelpCard(view));

    expect(text).toContain(
      'Next: 2.6.84.0 or later with application-based authentication by 7 April 2027, or sync stops again.',
    );
  });

  it('gives clients that cannot render cards a fallback text naming the commands', () => {
    const card = renderHelpCard(view);

    expect(card.fallbackText).toContain('help, start migration, status, list');
  });

  it('declares schema 1.5 at most and carries no actions yet', () => {
    const card = renderHelpCard(view);

    expect(card.version).toBe('1.5');
    expect(card.actions).toBeUndefined();
    expect(helpTemplate.version).toBe('1.5');
  });

  it('refuses to render when the view lacks a field the template uses', () => {
    const incomplete = { commands: view.commands, minimumSyncVersion: '2.5.79.0' };

    expect(() => renderHelpCard(incomplete as HelpCardView)).toThrow(/does not provide/);
  });
});
