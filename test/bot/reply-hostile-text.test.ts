import { describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../cards/card-template';
import { sampleStatus } from '../../cards/samples/sample-migration';
import {
  evidenceReadReply,
  signInFormProblemsReply,
  unreadableFileReply,
  unrecognisedEvidenceReply,
} from '../../bot/evidence-intake';
import { describeEvidenceFileProblem } from '../../bot/evidence-upload';
import { createHelpReply } from '../../bot/help-reply';
import {
  alreadyRunningReply,
  describeMigrationLine,
  describeMigrationStatus,
  migrationStartedTexts,
  noRecordedStateReply,
  nothingRecordedReply,
  onlyWhoMayReply,
  snoozeTexts,
} from '../../bot/migration-text';
import type { MigrationRuntimeView } from '../../migration/migration-status';
import { evidenceKinds, runbook } from '../../migration/runbook';
import { actionRules, type WorkflowAction } from '../../migration/workflow/permissions';
import type { MigrationEntry } from '../../platform/migration-registry';
import { hasTemplateExpression } from '../cards/markup';
import { expectShownAsWritten } from '../support/hostile-text';

// Every text reply the bot builds around a name, a file name, a server name, an id or a problem
// read from a form goes out as markdown (Teams' default): each must show that text as written.

function entryOf(text: string): MigrationEntry {
  return {
    migrationId: text,
    tenantId: 'tenant-1',
    oldServer: text,
    newServer: text,
    ownerName: text,
    ownerAadObjectId: 'owner-oid',
    approvers: [{ id: 'lee.gu@contoso.com', name: text }],
    monitoringDays: 7,
    startedAt: '2026-10-12T08:14:00Z',
  };
}

function runningView(text: string): MigrationRuntimeView {
  return {
    runtimeStatus: 'Running',
    status: { ...sampleStatus, oldServer: text, newServer: text, awaitingWho: [text, text] },
  };
}

describe('the replies about migrations', () => {
  it('shows the servers, the id and who is waited on in the status lines as written', () => {
    expectShownAsWritten((text) => describeMigrationStatus(text, runningView(text)));
    expectShownAsWritten((text) =>
      describeMigrationStatus(text, { runtimeStatus: 'Pending', status: undefined }),
    );
  });

  it('shows the servers and the owner in a line of the list as written', () => {
    expectShownAsWritten((text) => describeMigrationLine(entryOf(text), runningView(text)));
    expectShownAsWritten((text) => describeMigrationLine(entryOf(text), undefined));
  });

  it('shows the owner as written when telling someone who may act', () => {
    for (const action of Object.keys(actionRules) as WorkflowAction[]) {
      expectShownAsWritten((text) => onlyWhoMayReply(action, text), { numRuns: 40 });
    }
  });

  it('shows the running migration as written when another cannot start', () => {
    expectShownAsWritten((text) => alreadyRunningReply(text, entryOf(text)));
    expectShownAsWritten((text) => alreadyRunningReply(text, undefined));
  });

  it('shows the id and servers of a started migration as written', () => {
    expectShownAsWritten(
      (text) => migrationStartedTexts(text, { oldServer: text, newServer: text }).reply,
    );
  });

  it('shows the id of a migration with nothing to show as written', () => {
    expectShownAsWritten(nothingRecordedReply);
    expectShownAsWritten(noRecordedStateReply);
  });

  it('adds no markup to the snooze answer, whoever snoozed', () => {
    expectShownAsWritten((text) => snoozeTexts(text, 90).reply);
  });
});

describe('the replies about evidence', () => {
  it('shows the file name of evidence it could not recognise as written, at every step', () => {
    for (const checkpoint of runbook) {
      expectShownAsWritten((text) => unrecognisedEvidenceReply(text, checkpoint), {
        numRuns: 40,
      });
    }
  });

  it('shows the file name of evidence it read as written, whatever the kind', () => {
    for (const kind of evidenceKinds) {
      expectShownAsWritten((text) => evidenceReadReply(text, kind, 12, runbook[0]!), {
        numRuns: 40,
      });
    }
  });

  it('shows the file name of a download that failed as written', () => {
    expectShownAsWritten((text) =>
      unreadableFileReply(text, describeEvidenceFileProblem({ kind: 'http-status', status: 404 })),
    );
  });

  it('shows the problems of a sign-in form as written', () => {
    expectShownAsWritten((text) => signInFormProblemsReply([text, `method: ${text}`]));
  });

  it('keeps a readable file name readable', () => {
    const reply = evidenceReadReply('ad_sync-export[1].json', 'config-export', 3, runbook[0]!);

    expect(reply).toContain('“ad\\_sync-export\\[1\\].json”');
  });
});

describe('the help reply', () => {
  it('carries a card with no template expression in it', () => {
    const [attachment] = createHelpReply().attachments ?? [];
    const card = attachment?.content as AdaptiveCardJson;

    expect(card.type).toBe('AdaptiveCard');
    expect(hasTemplateExpression(JSON.stringify(card))).toBe(false);
  });
});
