import { describe, expect, it } from 'vitest';
import { renderHelpCard } from '../../cards/help-card';
import { sampleStatus, sampleTimeZone } from '../../cards/samples/sample-migration';
import { renderStatusDashboardCard } from '../../cards/status-dashboard-card';
import { parseAsTeams } from './teams-card-parser';

// What the migration could not do, and the settings the app cannot use, in the Attention colour of
// the status and help cards.

const graph = {
  feature: 'Microsoft Graph (the cloud sync check, approvers by sign-in name)',
  required: false,
  problems: ['GRAPH_CLIENT_ID must be the application (client) id, a GUID'],
};

function attentionTexts(card: object): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && element.color === 'Attention') {
      found.push(String(element.text));
    }
    Object.values(element).forEach(visit);
  };
  visit(card);
  return found;
}

describe('the status card', () => {
  it('lists undone work with when it failed, and the settings to fix', () => {
    const card = renderStatusDashboardCard({
      status: {
        ...sampleStatus,
        undone: [
          {
            key: 'post:reminder:1',
            what: 'send the reminder card',
            why: "Teams or the bot's storage did not answer",
            at: '2026-11-20T13:00:00.000Z',
          },
        ],
      },
      timeZone: sampleTimeZone,
      settings: [graph],
    });
    expect(parseAsTeams(card).events).toEqual([]);
    expect(attentionTexts(card)).toEqual([
      "⚠️ Not done: send the reminder card (Teams or the bot's storage did not answer, Fri 20 Nov 2026, 14:00 CET). The migration goes on; type retry to try again.",
      '⚠️ Microsoft Graph (the cloud sync check, approvers by sign-in name) is off until its app settings are fixed: GRAPH\\_CLIENT\\_ID must be the application (client) id, a GUID. Migrations go on without it.',
    ]);
  });

  it('shows no attention block when nothing is undone and every setting is usable', () => {
    const card = renderStatusDashboardCard({ status: sampleStatus, timeZone: sampleTimeZone });
    expect(attentionTexts(card).filter((text) => text.includes('Not done'))).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('app settings are fixed');
  });
});

describe('the help card', () => {
  const view = {
    commands: [{ name: 'help', description: 'Show this card.' }],
    minimumSyncVersion: '2.5.79.0',
    enforcedSince: '30 September 2026',
    targetVersion: '2.6.84.0',
    targetBy: '7 April 2027',
  };

  it('names the settings the app cannot use', () => {
    const card = renderHelpCard({ ...view, settings: [graph] });
    expect(parseAsTeams(card).events).toEqual([]);
    expect(attentionTexts(card)).toContain(
      '⚠️ Microsoft Graph (the cloud sync check, approvers by sign-in name) is off until its app settings are fixed: GRAPH\\_CLIENT\\_ID must be the application (client) id, a GUID. Migrations go on without it.',
    );
  });

  it('has no settings block when every setting is usable', () => {
    expect(JSON.stringify(renderHelpCard(view))).not.toContain('app settings are fixed');
  });
});
