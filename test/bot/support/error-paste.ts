import { readFileSync } from 'node:fs';
import path from 'node:path';
import { knownPastedErrors, type PastedErrorId } from '../../../migration/evidence/pasted-errors';
import { cardBodyText, cardOf, type SentActivity } from '../../support/sent-activity';

// What the error-paste tests read: the real fixtures, the catalogue's texts and the bot's answers.

const root = path.resolve(__dirname, '..', '..', '..');

/** A real fixture's text, provenance header included. */
export function realFixture(file: string): string {
  return readFileSync(path.join(root, 'test/fixtures/real', file), 'utf8');
}

/** The catalogue entry of a known error. */
export function knownError(id: PastedErrorId): (typeof knownPastedErrors)[number] {
  const found = knownPastedErrors.find((error) => error.id === id);
  if (found === undefined) throw new Error(`No known error ${id}`);
  return found;
}

/** Every text message the bot sent, one a line. */
export function texts(sent: readonly SentActivity[]): string {
  return sent.map((activity) => activity.text ?? '').join('\n');
}

/** The body of the checkpoint result card among what the bot sent, as JSON text. */
export function resultCard(sent: readonly SentActivity[]): string {
  const card = sent
    .map((activity) => cardBodyText(cardOf(activity)))
    .find((body) => body.includes('Findings ('));
  if (card === undefined) throw new Error('No checkpoint result card was sent');
  return card;
}
