import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, type FileServer } from '../../local/scenario/file-server';
import { decisionIdOf } from '../../migration/workflow/approval';
import { migrationStatusSchema, type MigrationStatus } from '../../migration/migration-status';
import { AuditLog, type AuditEntry } from '../../platform/audit-log';
import { EvidenceStore } from '../../platform/evidence-store';
import { TableAccess } from '../../platform/table-access';
import { startAppHarness, type AppHarness, type CardJson } from '../support/app-harness';
import { loadPlaygroundActivity } from '../support/playground-activity';

// A migration driven to its cutover approval through /api/messages, then every kind of forged or
// stale decision POSTed as the `adaptiveCard/action` invoke Teams would send: each is refused,
// decides nothing, and (where the bot can tell whose migration it is) lands in the audit log.

const root = path.resolve(__dirname, '..', '..');
const tenant = '00000000-0000-0000-0000-0000000000001';

interface User {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}
const alex: User = {
  id: 'user-id-0',
  name: 'Alex Wilber',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
};
const megan: User = {
  id: 'user-id-1',
  name: 'Megan Bowen',
  aadObjectId: '00000000-0000-0000-0000-0000000000021',
};
const adele: User = {
  id: 'user-id-2',
  name: 'Adele Vance',
  aadObjectId: '00000000-0000-0000-0000-0000000000022',
};

/** What the bot sent to the connector: the conversation, its text and its card. */
interface Sent {
  readonly conversation: string;
  readonly method: string;
  readonly text: string;
  readonly card: CardJson | undefined;
}

interface CardAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

interface InvokeAnswer {
  readonly statusCode: number;
  readonly type: string;
  readonly value: unknown;
}

let app: AppHarness;
let files: FileServer;
let seen = 0;
let activityCount = 0;

function fixture(file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

function conversationOf(user: User, tenantId = tenant): Record<string, unknown> {
  return {
    conversation: { conversationType: 'personal', tenantId, id: `personal-${user.id}` },
    channelData: { tenant: { id: tenantId } },
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
  };
}

function nextId(): string {
  activityCount++;
  return `forged-test-${String(activityCount)}`;
}

/** Everything the bot sent since the last call; reads (GET) are left out. */
function sent(): Sent[] {
  const fresh = app.connector.requests.slice(seen);
  seen = app.connector.requests.length;
  return fresh
    .filter((request) => request.method !== 'GET' && request.body !== '')
    .map((request) => {
      const activity = JSON.parse(request.body) as {
        text?: string;
        attachments?: { contentType: string; content: CardJson }[];
      };
      const conversation = /\/v3\/conversations\/([^/]+)/.exec(request.pathname)?.[1] ?? '';
      return {
        conversation: decodeURIComponent(conversation),
        method: request.method,
        text: activity.text ?? '',
        card: activity.attachments?.find(
          (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
        )?.content,
      };
    });
}

function cardText(card: CardJson | undefined): string {
  return JSON.stringify(card ?? {});
}

async function say(user: User, text: string): Promise<Sent[]> {
  const activity = loadPlaygroundActivity('message.personal.json', app.serviceUrl, {
    ...conversationOf(user),
    text,
    id: nextId(),
  });
  expect((await app.post(activity)).status).toBe(200);
  return sent();
}

async function upload(user: User, file: string): Promise<Sent[]> {
  const name = path.basename(file);
  const downloadUrl = files.offer(name, readFileSync(path.join(root, file)));
  const activity = loadPlaygroundActivity(
    'message.custom-activity.file-download-info.json',
    app.serviceUrl,
    {
      ...conversationOf(user),
      id: nextId(),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          contentUrl: `https://contoso.sharepoint.example/personal/Documents/${name}`,
          name,
          content: { downloadUrl, uniqueId: nextId(), fileType: 'json', etag: '1' },
        },
      ],
    },
  );
  expect((await app.post(activity)).status).toBe(200);
  return sent();
}

async function submit(user: User, value: Record<string, unknown>): Promise<Sent[]> {
  const activity = loadPlaygroundActivity('message.action-submit.personal.json', app.serviceUrl, {
    ...conversationOf(user),
    id: nextId(),
    value,
  });
  expect((await app.post(activity)).status).toBe(200);
  return sent();
}

/** POSTs the invoke of an Action.Execute click; `id` repeats an earlier activity (a replay). */
async function click(
  user: User,
  action: CardAction,
  options: { tenantId?: string; id?: string } = {},
): Promise<{ answer: InvokeAnswer; id: string }> {
  const id = options.id ?? nextId();
  const activity = loadPlaygroundActivity(
    'invoke.adaptiveCard-action.personal.json',
    app.serviceUrl,
    {
      ...conversationOf(user, options.tenantId),
      id,
      value: {
        action: {
          type: 'Action.Execute',
          title: action.title,
          verb: action.verb,
          data: action.data,
        },
      },
    },
  );
  const response = await app.post(activity);
  expect(response.status).toBe(200);
  return { answer: (await response.json()) as InvokeAnswer, id };
}

function actionOf(card: CardJson | undefined, title: string): CardAction {
  const action = card?.actions?.find((a) => a.title === title && a.type === 'Action.Execute');
  expect(action, `no "${title}" button on the card`).toBeDefined();
  return { title, verb: action?.verb ?? '', data: action?.data ?? {} };
}

function cardWith(messages: readonly Sent[], button: string, conversation: string): CardJson {
  const found = messages.find(
    (m) =>
      m.conversation === conversation && m.card?.actions?.some((a) => a.title === button) === true,
  );
  expect(found, `no card with "${button}" sent to ${conversation}`).toBeDefined();
  return found?.card ?? {};
}

/** The summary the dashboard reads: the running phase's custom status, else the main one. */
function summaryOf(migrationId: string): MigrationStatus {
  const main = migrationStatusSchema.parse(app.runtime.engine.getStatus(migrationId)?.customStatus);
  const child =
    main.phaseInstanceId === null ? undefined : app.runtime.engine.getStatus(main.phaseInstanceId);
  return child?.runtimeStatus === 'Running'
    ? migrationStatusSchema.parse(child.customStatus)
    : main;
}

function audit(migrationId: string): Promise<AuditEntry[]> {
  const connection = process.env.AzureWebJobsStorage;
  if (connection === undefined) throw new Error('The harness sets AzureWebJobsStorage.');
  return new AuditLog(new TableAccess(connection, 'AuditLog')).list(migrationId);
}

async function forgedBy(migrationId: string, user: User): Promise<AuditEntry[]> {
  return (await audit(migrationId)).filter(
    (entry) => entry.kind === 'forged-action' && entry.actor?.aadObjectId === user.aadObjectId,
  );
}

/** Offers the start form and submits it; returns the new migration's id. */
async function startMigration(approvers: string): Promise<string> {
  const [form] = await say(alex, 'start migration');
  const migrationId = String(
    form?.card?.actions?.find((a) => a.type === 'Action.Submit')?.data?.migrationId,
  );
  const started = await submit(alex, {
    verb: 'migration.start',
    migrationId,
    oldServer: 'AADC01',
    newServer: 'AADC-NEW01.contoso.com',
    approvers,
    monitoringDays: '7',
    timeZone: 'Europe/Berlin',
    workStart: '08:00',
    workEnd: '17:00',
    workDays: '1,2,3,4,5',
  });
  expect(started.map((m) => m.text).join(' ')).toContain(`Migration ${migrationId} started`);
  return migrationId;
}

/** The prepare and build phases with the happy path's evidence: the migration then waits for approval. */
async function walkToApproval(): Promise<Sent[]> {
  const real = 'test/fixtures/real';
  const evidence = 'test/scenarios/evidence';
  await say(alex, fixture(`${real}/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt`));
  await say(alex, 'continue anyway');
  await say(alex, fixture(`${real}/02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt`));
  await upload(alex, `${evidence}/sign-in-answers.json`);
  await upload(alex, 'test/fixtures/synthetic/Exported-SynchronizationPolicy-synthetic-old.json');
  await say(alex, fixture(`${evidence}/new-server-os.txt`));
  await say(
    alex,
    fixture(`${real}/04b-tls12-check-real-outputs-not-configured-and-configured.txt`),
  );
  await say(alex, fixture(`${evidence}/new-server-version.txt`));
  await say(alex, fixture(`${real}/01b-get-adsyncscheduler-staging-ON.txt`));
  await upload(
    alex,
    'test/fixtures/synthetic/Applied-SynchronizationPolicy-synthetic-new-matching.json',
  );
  await say(alex, fixture(`${evidence}/staging-initial-sync.txt`));
  return say(alex, fixture(`${evidence}/staging-run-status-idle.txt`));
}

let approvalRequests: Sent[] = [];
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
  files = await startFileServer(() => app.clock.now());
  // Megan opens the bot once, so approval requests reach her personal chat.
  await say(megan, 'help');

  // An earlier migration of the same tenant, cancelled: its id is "another migration" below.
  earlierId = await startMigration('user-id-1');
  const [confirm] = await say(alex, 'cancel');
  await click(alex, actionOf(confirm?.card, 'Yes, cancel the migration'));
  expect(app.runtime.engine.getStatus(earlierId)?.runtimeStatus).toBe('Completed');
  sent();

  // The owner names himself as an approver too: four-eyes must still stop him.
  migrationId = await startMigration('user-id-1,user-id-0');
  const requests = await walkToApproval();
  approvalRequests = requests;
  approveRound1 = actionOf(
    cardWith(requests, 'Approve the cutover', `personal-${megan.id}`),
    'Approve the cutover',
  );
  ownersApprove = actionOf(
    cardWith(requests, 'Approve the cutover', `personal-${alex.id}`),
    'Approve the cutover',
  );
}, 180_000);

afterAll(async () => {
  await files.close();
  await app.close();
});

describe('the shared approval card', () => {
  it('shows the pending state to everyone and gives only approvers their buttons on refresh', async () => {
    const shared = approvalRequests.find(
      (m) =>
        m.conversation === `personal-${alex.id}` &&
        m.card !== undefined &&
        JSON.stringify(m.card).includes('Waiting for'),
    );
    const refresh = (
      shared?.card as
        | {
            refresh?: {
              userIds?: string[];
              action?: { verb?: string; data?: Record<string, unknown> };
            };
          }
        | undefined
    )?.refresh;
    expect(refresh?.userIds).toContain(megan.id);
    expect(shared?.card?.actions?.some((a) => a.title === 'Approve the cutover') ?? false).toBe(
      false,
    );
    const refreshAction: CardAction = {
      title: 'refresh',
      verb: refresh?.action?.verb ?? '',
      data: refresh?.action?.data ?? {},
    };

    const forMegan = await click(megan, refreshAction);
    expect(forMegan.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const buttons = (answer: InvokeAnswer): string[] =>
      JSON.stringify(answer.value).match(/"title":"Approve the cutover"/g) ?? [];
    expect(buttons(forMegan.answer)).toHaveLength(1);

    const forAdele = await click(adele, refreshAction);
    expect(forAdele.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(buttons(forAdele.answer)).toEqual([]);
    // A refresh decides nothing.
    expect(summaryOf(migrationId).decisionId).toBe(decisionIdOf(migrationId, 1));
    expect(sent()).toEqual([]);
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
    const { answer } = await click(adele, approveRound1);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('Only the owner or the approvers of this migration can do that.');
    expect(sent()).toEqual([]);
    expect(summaryOf(migrationId).decisionId).toBe(decisionIdOf(migrationId, 1));
    const forged = await forgedBy(migrationId, adele);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain('approval.approve');
  });

  it('refuses an approver clicking from another tenant, revealing nothing', async () => {
    const { answer } = await click(megan, approveRound1, { tenantId: 'another-tenant' });
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('That migration is not one of your organisation’s.');
    expect(JSON.stringify(answer.value)).not.toContain('AADC01');
    expect(sent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.awaiting).toBe('approval');
    expect(summary.completedCheckpoints).not.toContain('cutover-approval');
    const forged = await forgedBy(migrationId, megan);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain('came from another tenant (another-tenant)');
  });

  it("refuses a decision sent with another migration's id, and audits it on that migration", async () => {
    // The current round's decision id, aimed at the earlier (cancelled) migration Megan approved for.
    const { answer } = await click(megan, {
      ...approveRound1,
      data: { ...approveRound1.data, migrationId: earlierId },
    });
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answer.value as CardJson)).toContain('Cancelled');
    const forged = await forgedBy(earlierId, megan);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain(decisionIdOf(migrationId, 1));

    // The earlier migration's decision id, aimed at this migration.
    const other = await click(megan, {
      ...approveRound1,
      data: { ...approveRound1.data, decisionId: decisionIdOf(earlierId, 1) },
    });
    expect(other.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(other.answer.value as CardJson)).toContain('Waiting for an approval from');
    const forgedHere = (await forgedBy(migrationId, megan)).filter((entry) =>
      entry.summary.includes(decisionIdOf(earlierId, 1)),
    );
    expect(forgedHere).toHaveLength(1);

    expect(sent()).toEqual([]);
    expect(summaryOf(migrationId).decisionId).toBe(decisionIdOf(migrationId, 1));
  });

  it('refuses the requester approving his own cutover, even when he is named an approver', async () => {
    const { answer } = await click(alex, ownersApprove);
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('That is not yours to decide on this migration.');
    expect(sent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.awaiting).toBe('approval');
    expect(summary.completedCheckpoints).not.toContain('cutover-approval');
    const forged = await forgedBy(migrationId, alex);
    expect(forged).toHaveLength(1);
    expect(forged[0]?.summary).toContain('Alex Wilber (owner)');
  });

  it('refuses a decision id of an older round once a new round is open, and audits it', async () => {
    // Megan rejects round 1 (with a reason); the owner asks again: round 2.
    const rejected = await click(megan, {
      title: 'Reject',
      verb: 'approval.reject',
      data: { ...approveRound1.data, verb: 'approval.reject', comment: 'Not before Friday' },
    });
    expect(cardText(rejected.answer.value as CardJson)).toContain('Cutover rejected');
    sent();
    const again = await say(alex, 'request approval');
    const approveRound2 = actionOf(
      cardWith(again, 'Approve the cutover', `personal-${megan.id}`),
      'Approve the cutover',
    );
    expect(approveRound2.data.decisionId).toBe(decisionIdOf(migrationId, 2));
    const before = (await forgedBy(migrationId, megan)).length;

    const stale = await click(megan, approveRound1);
    expect(stale.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(stale.answer.value as CardJson)).toContain('Waiting for an approval from');
    expect(sent()).toEqual([]);
    const summary = summaryOf(migrationId);
    expect(summary.awaiting).toBe('approval');
    expect(summary.decisionId).toBe(decisionIdOf(migrationId, 2));
    const forged = await forgedBy(migrationId, megan);
    expect(forged).toHaveLength(before + 1);
    expect(forged.at(-1)?.summary).toContain(decisionIdOf(migrationId, 1));
    approveRound2Action = approveRound2;
  });

  it('takes the real decision once: a replayed click and a second click change nothing', async () => {
    const first = await click(megan, approveRound2Action);
    expect(first.answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(first.answer.value as CardJson)).toContain('Cutover approved');
    const afterDecision = sent();
    expect(
      afterDecision.filter((m) => cardText(m.card).includes('Put the old server in staging mode')),
    ).toHaveLength(1);
    const before = (await forgedBy(migrationId, megan)).length;

    // The same activity delivered again (a retry), then a fresh click on a card still on screen.
    const replay = await click(megan, approveRound2Action, { id: first.id });
    const second = await click(megan, approveRound2Action);
    for (const { answer } of [replay, second]) {
      expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(answer.value as CardJson)).toContain('Put the old server in staging mode');
      expect(cardText(answer.value as CardJson)).not.toContain('Cutover approved');
    }
    expect(sent()).toEqual([]);

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
      target: { kind: 'conversation', key: `conversation:personal-${alex.id}` },
      sendKey: `${migrationId}:run-twice`,
      text: 'Sent once, whatever the retries.',
    };
    sent();
    const first = (await postMessage?.callback(input, context('postMessage'))) as {
      sent: boolean;
      activityId: string | null;
    };
    const second = (await postMessage?.callback(input, context('postMessage'))) as {
      sent: boolean;
      activityId: string | null;
    };
    const delivered = sent().filter((m) => m.text === 'Sent once, whatever the retries.');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.conversation).toBe(`personal-${alex.id}`);
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
