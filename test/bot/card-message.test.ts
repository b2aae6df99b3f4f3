import { describe, expect, it } from 'vitest';
import { adaptiveCardMessage } from '../../bot/card-message';

describe('a card message', () => {
  it("carries the card's fallback text as its summary, for the Teams notification", () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [],
      fallbackText: 'Approve the cutover to AADC-NEW01.',
    };
    expect(adaptiveCardMessage(card)).toMatchObject({
      type: 'message',
      summary: 'Approve the cutover to AADC-NEW01.',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
  });

  it('shortens a long summary and leaves none for a card without fallback text', () => {
    const long = adaptiveCardMessage({ type: 'AdaptiveCard', fallbackText: 'x'.repeat(1000) });
    expect(long.summary).toHaveLength(250);
    expect(long.summary?.endsWith('…')).toBe(true);
    expect(adaptiveCardMessage({ type: 'AdaptiveCard' })).not.toHaveProperty('summary');
  });
});
