import { describe, expect, it } from 'vitest';
import { contentOf, endedNoticeText } from '../../functions/orchestration/notices';
import type { MigrationStart } from '../../migration/migration-start';
import { expectShownAsWritten } from '../support/hostile-text';
import { start } from '../migration/workflow/support/workflow-fixtures';

// The orchestration posts these as markdown text (the postMessage activity): names, servers and ids
// in them must show as written.

function startWith(text: string): MigrationStart {
  return { ...start, migrationId: text, plan: { ...start.plan, oldServer: text, newServer: text } };
}

function textOf(content: ReturnType<typeof contentOf>): string {
  if (!('text' in content)) throw new Error('A text notice became a card.');
  return content.text;
}

describe('the text notices of a migration', () => {
  it('show the workflow’s words and the names in them as written', () => {
    expectShownAsWritten((text) =>
      textOf(
        contentOf(start, {
          kind: 'text',
          text: `Teams did not deliver the approval request to ${text}: blocked.\n${text}`,
        }),
      ),
    );
  });

  it('show who cancelled or rolled back the migration, and its servers, as written', () => {
    for (const outcome of ['cancelled', 'rolled-back'] as const) {
      expectShownAsWritten((text) => endedNoticeText(startWith(text), outcome, text));
      expectShownAsWritten((text) => endedNoticeText(startWith(text), outcome, null));
    }
  });

  it('name the canceller as a person reads it', () => {
    expect(endedNoticeText(start, 'cancelled', 'Alex_Wilber')).toContain(
      'was cancelled by Alex\\_Wilber.',
    );
    expect(endedNoticeText(start, 'rolled-back', null)).toContain('rolled back by its owner:');
  });
});
