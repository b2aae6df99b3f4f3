import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionIdOf } from '../../migration/workflow/approval';
import type { MigrationStatus } from '../../migration/migration-status';
import { type AuditEntry } from '../../platform/audit-log';
import { EvidenceStore } from '../../platform/evidence-store';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { auditEntries, migrationSummary } from '../support/migration-state';
import { startMigration, walkToApproval } from '../support/migration-walk';
import { personalChat, type Chat } from '../support/playground-activity';
import {
  adele as adeleVance,
  alex as alexWilber,
  megan as meganBowen,
  playgroundTenant as tenant,
} from '../support/playground-people';
import {
  answerCard,
  buttonOf,
  cardOf,
  cardText,
  cardWithButton,
  type CardAction,
  type InvokeAnswer,
  type SentActivity,
} from '../support/sent-activity';

// A migration driven to its cutover approval through /api/messages, then every kind of forged or
// stale decision POSTed as the `adaptiveCard/action` invoke Teams would send: each is refused,
// decides nothing, and (where the bot can tell whose migration it is) lands in the audit log.

const root = path.resolve(__dirname, '..', '..');

/** Each person in their personal chat with the bot. */
const alex = personalChat(alexWilber);
const megan = personalChat(meganBowen);
const adele = personalChat(adeleVance);

let app: AppHarness;

function fixture(file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** The summary the dashboard reads: the running phase's custom status, else the main one. */
function summaryOf(migrationId: string): MigrationStatus {
  return migrationSummary(app, migrationId);
}

const audit = auditEntries;

async function forgedBy(migrationId: string, chat: Chat): Promise<AuditEntry[]> {
  return (await audit(migrationId)).filter(
    (entry) => entry.kind === 'forged-action' && entry.actor?.aadObjectId === chat.user.aadObjectId,
  );
}

let approvalRequests: SentActivity[] = [];
let earlierId = '';
let migrationId = '';
/** The approve button of round 1, as Megan's card carries it. */
let approveRound1: CardAction;
/** The approve button of the same round on the owner's own card (he is named an approver too). */
let ownersApprove: CardAction;
/** Megan's approve button of round 2, once the owner asked again. */
let approveRound2Action: CardAction;

beforeAll(async () => {
  // Monday 23 Nov 2026, 09:00 in Berlin.
  app = await startAppHarness(new Date('2026-11-23T08:00:00Z'));
  // Megan opens the bot once, so approval requests reach her personal chat.
  await app.say(megan, 'help');

  // An earlier migration of the same tenant, cancelled: its id is "another migration" below.
  earlierId = await startMigration(app, alex, meganBowen.id);
  const [confirm] = await app.say(alex, 'cancel');
  await app.click(alex, buttonOf(cardOf(confirm), 'Yes, cancel the migration'));
  expect(app.runtime.engine.getStatus(earlierId)?.runtimeStatus).toBe('Completed');
  app.newlySent();

  // The owner names himself as an approver too: four-eyes must still stop him.
  migrationId = await startMigration(app, alex, `${meganBowen.id},${alexWilber.id}`);
  const requests = await walkToApproval(app, alex);
  approvalRequests = requests;
  approveRound1 = buttonOf(
    cardWithButton(requests, 'Approve the cutover', megan.conversationId),
    'Approve the cutover',
  );
  ownersApprove = buttonOf(
    cardWithButton(requests, 'Approve the cutover', alex.conversationId),
    'Approve the cutover',
  );
}, 180_000);

afterAll(async () => {
  await app.close();
});

describe('the shared approval card', () => {
  it('shows the pending state to everyone and gives only approvers their buttons on refresh', async () => {
    const shared = approvalRequests.find(
      (m) =>
        m.conversation === alex.conversationId &&
        cardOf(m) !== undefined &&
        JSON.stringify(cardOf(m)).includes('Waiting for'),
    );
    const refresh = cardOf(shared)?.refresh;
    expect(refresh?.userIds).toContain(meganBowen.id);
    expect(cardOf(shared)?.actions?.some((a) => a.title === 'Approve the cutover') ?? false).toBe(
      false,
    );
    const refreshAction: CardAction = {
      title: 'refresh',
      verb: refresh?.action?.verb ?? '',
      data: refresh?.action?.data ?? {},
    };

    const forMegan = await app.click(megan, refreshAction);
    expect(forMegan.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const buttons = (answer: InvokeAnswer): string[] =>
      JSON.stringify(answer.value).match(/"title":"Approve the cutover"/g) ?? [];
    expect(buttons(forMegan.answer)).toHaveLength(1);

    const forAdele = await app.click(adele, refreshAction);
    expect(forAdele.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(buttons(forAdele.answer)).toEqual([]);
    // Every view of the request shows the round's own verdicts: the warning accepted with
    // "continue anyway" is not turned into a pass.
    const heading = (text: string): string => /Evidence: [^"\\]*open/.exec(text)?.[0] ?? '';
    const original = heading(cardText(cardOf(shared)));
    expect(original).toMatch(/Evidence: \d+ passed, 1 with warnings, 0 open/);
    expect(heading(cardText(answerCard(forMegan.answer)))).toBe(original);
    expect(heading(cardText(answerCard(forAdele.answer)))).toBe(original);
    // A refresh decides nothing.
    expect(summaryOf(migrationId).decisionId).toBe(decisionIdOf(migrationId, 1));
    expect(app.newlySent()).toEqual([]);
  });
});

describe('forged and stale cutover decisions are refused, decide nothing, and are audited', () => {
  it('waits for the first approval round, with the round in every approve button', () => {
    const summary = summaryOf(migrationId);
    expect(summary.checkpoint).toBe('cutover-approval');
    expect(summary.awaiting).toBe('approval');
    expect(summary.decisionId).toBe(decisionIdOf(migrationId, 1));
    expect(approveRound1.data).toMatchObject({
      migrationId,
      decisionId: decisionIdOf(migrationId, 1),
    });
    expect(ownersApprove.data).toMatchObject({ decisionId: decisionIdOf(migrationId, 1) });
  });

  it('refuses someone who is not an approver, and audits it', async () => {
    const { answer } = await app.click(adele, approveRound1);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('Only the owner or the approvers of this migration can do that.');
    expect(app.newlySent()).toEqual([]);
    expect(summaryOf(migrationId).decisionId).toBe(decisionIdOf(migrationId, 1));
    const forged = await forgedBy(migrationId, adele);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain('approval.approve');
  });

  it('refuses an approver clicking from another tenant, revealing nothing', async () => {
    const fromAnotherTenant = personalChat(meganBowen, { tenantId: 'another-tenant' });
    const { answer } = await app.click(fromAnotherTenant, approveRound1);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('That migration is not one of your organisation’s.');
    expect(JSON.stringify(answer.value)).not.toContain('AADC01');
    expect(app.newlySent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.awaiting).toBe('approval');
    expect(summary.completedCheckpoints).not.toContain('cutover-approval');
    const forged = await forgedBy(migrationId, megan);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain('came from another tenant (another-tenant)');
  });

  it("refuses a decision sent with another migration's id, and audits it on that migration", async () => {
    // The current round's decision id, aimed at the earlier (cancelled) migration Megan approved for.
    const { answer } = await app.click(megan, {
      ...approveRound1,
      data: { ...approveRound1.data, migrationId: earlierId },
    });
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answerCard(answer))).toContain('Cancelled');
    const forged = await forgedBy(earlierId, megan);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain(decisionIdOf(migrationId, 1));

    // The earlier migration's decision id, aimed at this migration.
    const other = await app.click(megan, {
      ...approveRound1,
      data: { ...approveRound1.data, decisionId: decisionIdOf(earlierId, 1) },
    });
    expect(other.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answerCard(other.answer))).toContain('Waiting for an approval from');
    const forgedHere = (await forgedBy(migrationId, megan)).filter((entry) =>
      entry.summary.includes(decisionIdOf(earlierId, 1)),
    );
    expect(forgedHere).toHaveLength(1);

    expect(app.newlySent()).toEqual([]);
    expect(summaryOf(migrationId).decisionId).toBe(decisionIdOf(migrationId, 1));
  });

  it('refuses the requester approving his own cutover, even when he is named an approver', async () => {
    const { answer } = await app.click(alex, ownersApprove);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('That is not yours to decide on this migration.');
    expect(app.newlySent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.awaiting).toBe('approval');
    expect(summary.completedCheckpoints).not.toContain('cutover-approval');
    const forged = await forgedBy(migrationId, alex);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain(`${alexWilber.name} (owner)`);
  });

  it('refuses a decision id of an older round once a new round is open, and audits it', async () => {
    // Megan rejects round 1 (with a reason); the owner asks again: round 2.
    const rejected = await app.click(megan, {
      title: 'Reject',
      verb: 'approval.reject',
      data: { ...approveRound1.data, verb: 'approval.reject', comment: 'Not before Friday' },
    });
    expect(cardText(answerCard(rejected.answer))).toContain('Cutover rejected');
    app.newlySent();
    const again = await app.say(alex, 'request approval');
    const approveRound2 = buttonOf(
      cardWithButton(again, 'Approve the cutover', megan.conversationId),
      'Approve the cutover',
    );
    expect(approveRound2.data.decisionId).toBe(decisionIdOf(migrationId, 2));
    const before = (await forgedBy(migrationId, megan)).length;

    const stale = await app.click(megan, approveRound1);
    expect(stale.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answerCard(stale.answer))).toContain('Waiting for an approval from');
    expect(app.newlySent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.awaiting).toBe('approval');
    expect(summary.decisionId).toBe(decisionIdOf(migrationId, 2));
    const forged = await forgedBy(migrationId, megan);
    expect(forged).toHaveLength(before + 1);
    expect(forged.at(-1)?.summary).toContain(decisionIdOf(migrationId, 1));
    approveRound2Action = approveRound2;
  });

  it('takes the real decision once: a replayed click and a second click change nothing', async () => {
    const first = await app.click(megan, approveRound2Action);
    expect(first.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answerCard(first.answer))).toContain('Cutover approved');
    const afterDecision = app.newlySent();
    expect(
      afterDecision.filter((m) =>
        cardText(cardOf(m)).includes('Put the old server in staging mode'),
      ),
    ).toHaveLength(1);
    const before = (await forgedBy(migrationId, megan)).length;

    // The same activity delivered again (a retry), then a fresh click on a card still on screen.
    const replay = await app.click(megan, approveRound2Action, { id: first.id });
    const second = await app.click(megan, approveRound2Action);
    for (const { answer } of [replay, second]) {
      expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(answerCard(answer))).toContain('Put the old server in staging mode');
      expect(cardText(answerCard(answer))).not.toContain('Cutover approved');
    }
    expect(app.newlySent()).toEqual([]);

    const summary = summaryOf(migrationId);
    expect(summary.checkpoint).toBe('old-server-staging');
    expect(summary.completedCheckpoints.filter((c) => c === 'cutover-approval')).toHaveLength(1);
    const entries = await audit(migrationId);
    const approvals = entries.filter((e) => e.idempotencyKey?.endsWith(':approved') === true);
    expect(approvals.map((e) => e.idempotencyKey)).toEqual([`${migrationId}:approval:2:approved`]);
    const forged = await forgedBy(migrationId, megan);
    expect(forged).toHaveLength(before + 2);
    for (const entry of forged.slice(before)) expect(entry.summary).toContain('stale or repeated');
  });
});

describe('activities run twice do their work once', () => {
  const context = (name: string): InvocationContext =>
    new InvocationContext({ invocationId: `twice-${name}`, functionName: name });

  it('posts a message once however often postMessage runs with the same send key', async () => {
    const postMessage = app.runtime.functions.get('postMessage');
    expect(postMessage).toBeDefined();
    const input = {
      migrationId,
      tenantId: tenant,
      target: { kind: 'conversation', key: `conversation:${alex.conversationId}` },
      sendKey: `${migrationId}:run-twice`,
      text: 'Sent once, whatever the retries.',
    };
    app.newlySent();
    const first = (await postMessage?.callback(input, context('postMessage'))) as {
      sent: boolean;
      activityId: string | null;
    };
    const second = (await postMessage?.callback(input, context('postMessage'))) as {
      sent: boolean;
      activityId: string | null;
    };
    const delivered = app.newlySent().filter((m) => m.text === 'Sent once, whatever the retries.');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.conversation).toBe(alex.conversationId);
    expect(first.sent).toBe(true);
    expect(second.sent).toBe(false);
    expect(second.activityId).toBe(first.activityId);
  });

  it('judges the same evidence the same way twice', async () => {
    const judgeEvidence = app.runtime.functions.get('judgeEvidence');
    expect(judgeEvidence).toBeDefined();
    const connection = process.env.AzureWebJobsStorage ?? '';
    const ref = await new EvidenceStore(connection).put(
      tenant,
      Buffer.from(
        fixture(
          'test/fixtures/real/04b-tls12-check-real-outputs-not-configured-and-configured.txt',
        ),
      ),
      { contentType: 'text/plain; charset=utf-8' },
    );
    const input = {
      tenantId: tenant,
      checkpointId: 'tls12',
      evidence: [ref],
      recorded: {},
      today: '2026-11-23',
    };
    const first: unknown = await judgeEvidence?.callback(input, context('judgeEvidence'));
    const second: unknown = await judgeEvidence?.callback(input, context('judgeEvidence'));
    expect(first).toMatchObject({ checkpoint: 'tls12', status: 'pass' });
    expect(second).toEqual(first);
  });
});
