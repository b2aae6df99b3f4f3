import { describe, expect, it } from 'vitest';
import { renderApprovalOutcomeCard } from '../../cards/approval-outcome-card';
import {
  MAX_REFRESH_USERS,
  renderApprovalRequestCard,
  type ApprovalRequestView,
} from '../../cards/approval-request-card';
import { renderCheckpointResultCard } from '../../cards/checkpoint-result-card';
import { renderCheckpointRequestCard } from '../../cards/checkpoint-request-card';
import { renderConfigDiffCard } from '../../cards/config-diff-card';
import { renderDecommissionChecklistCard } from '../../cards/decommission-checklist-card';
import { renderErrorCard } from '../../cards/error-card';
import { renderMonitoringCheckInCard } from '../../cards/monitoring-check-in-card';
import { renderEscalationCard } from '../../cards/escalation-card';
import { renderReminderCard } from '../../cards/reminder-card';
import { renderRollbackGuideCard } from '../../cards/rollback-guide-card';
import { renderSignInFormCard } from '../../cards/sign-in-form-card';
import { renderStatusDashboardCard } from '../../cards/status-dashboard-card';
import {
  failJudgment,
  passJudgment,
  pastedEvidence,
  realisticDifferences,
  worstDifferences,
  worstJudgment,
} from '../../cards/samples/result-samples';
import {
  hostileText,
  sampleMigrationId,
  sampleOldServerCutoff,
  sampleServers,
  sampleStatus,
  sampleTimeZone,
  staleCloudSync,
} from '../../cards/samples/sample-migration';
import { oldServerCutoffOf } from '../../migration/old-server-cutoff';
import { checkpointById } from '../../migration/runbook';
import { cardVerbs } from '../../cards/verbs';
import { cardSamples } from '../../cards/samples';
import { allActions, allObjects, allText } from './card-json';

const base = { migrationId: sampleMigrationId, servers: sampleServers, timeZone: sampleTimeZone };

const approval: ApprovalRequestView = {
  ...base,
  decisionId: 'cutover-approval#2',
  monitoringDays: 7,
  requestedBy: 'Megan Bowen',
  requestedAt: '2026-10-20T09:30:00Z',
  approvers: ['Lee Gu', 'Adele Vance'],
  evidence: [{ checkpointId: 'staging-sync', status: 'pass' }],
  audience: 'approver',
};

function verbsOf(card: unknown): unknown[] {
  return allActions(card).map((action) => action.verb ?? action.type);
}

describe('the approval request', () => {
  it('gives an approver Approve and Reject for exactly this decision', () => {
    const card = renderApprovalRequestCard(approval);
    const actions = allActions(card);

    expect(verbsOf(card)).toEqual([cardVerbs.approveCutover, cardVerbs.rejectCutover]);
    for (const action of actions) {
      expect(action.data).toMatchObject({
        migrationId: sampleMigrationId,
        checkpointId: 'cutover-approval',
        decisionId: 'cutover-approval#2',
      });
    }
    expect(allObjects(card).find((o) => o.id === 'comment')).toMatchObject({ type: 'Input.Text' });
    expect(card.refresh).toBeUndefined();
  });

  it('shows everyone in a shared conversation the pending state, and the approvers a refresh', () => {
    const card = renderApprovalRequestCard({
      ...approval,
      audience: 'shared',
      refreshUserIds: ['29:lee', '29:adele'],
    });

    expect(allText(card)).toContain('Waiting for Lee Gu or Adele Vance to decide.');
    expect(card.actions).toEqual([]);
    expect(allObjects(card).some((o) => o.id === 'comment')).toBe(false);
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Refresh',
        verb: cardVerbs.refreshApproval,
        data: {
          verb: cardVerbs.refreshApproval,
          migrationId: sampleMigrationId,
          checkpointId: 'cutover-approval',
          decisionId: 'cutover-approval#2',
        },
      },
      userIds: ['29:lee', '29:adele'],
    });
    expect(card.version).toBe('1.4');
  });

  it('keeps the refresh on a shared copy with no approver to name, as a manual refresh', () => {
    // "userIds: []": no automatic refresh; Teams offers "Refresh card" in the card's menu.
    const card = renderApprovalRequestCard({ ...approval, audience: 'shared', refreshUserIds: [] });
    expect(card.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: cardVerbs.refreshApproval },
      userIds: [],
    });
    expect(allText(card)).toContain(
      'An approver finds the buttons on the request in their chat with the bot, or here after Refresh card in this card',
    );
  });

  it('names at most the 60 users Teams gives their own view', () => {
    const ids = Array.from({ length: 75 }, (_, index) => `29:user-${index}`);
    const card = renderApprovalRequestCard({
      ...approval,
      audience: 'shared',
      refreshUserIds: ids,
    });

    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(MAX_REFRESH_USERS);
  });

  it('shows why a decision was not taken next to the comment, keeping what was typed', () => {
    const card = renderApprovalRequestCard({
      ...approval,
      comment: 'Not yet',
      problem: 'Say why the cutover is rejected.',
    });

    expect(allObjects(card).find((o) => o.id === 'comment')).toMatchObject({ value: 'Not yet' });
    expect(allText(card)).toContain('Say why the cutover is rejected.');
  });
});

describe('the approval request for an old server below a cutoff', () => {
  it('does not promise the wizard switch or a fallback', () => {
    const text = allText(
      renderApprovalRequestCard({ ...approval, oldServerCutoff: sampleOldServerCutoff }),
    );

    expect(text).toContain('AADC01 (2.2.1.0, below 2.5.79.0) cannot be switched with the wizard');
    expect(text).toContain('AADC01 is no fallback');
    expect(text).not.toContain('stays ready as a fallback');
    expect(allText(renderApprovalRequestCard(approval))).toContain('stays ready as a fallback');
  });
});

describe('the approval outcome', () => {
  it('says who decided and when, with no buttons left', () => {
    const card = renderApprovalOutcomeCard({
      servers: sampleServers,
      decision: 'rejected',
      decidedBy: 'Adele Vance',
      decidedAt: '2026-10-20T10:12:00Z',
      requestedBy: 'Megan Bowen',
      timeZone: sampleTimeZone,
      comment: 'Wait for the freeze to end.',
    });

    expect(allActions(card)).toEqual([]);
    expect(allText(card)).toContain('Cutover rejected');
    expect(allText(card)).toContain('Adele Vance');
    expect(allText(card)).toContain('Tue 20 Oct 2026, 12:12 CEST');
    expect(allText(card)).toContain('Wait for the freeze to end.');
  });
});

describe('the checkpoint result', () => {
  it.each([
    [passJudgment, 'good', '✅', 'Passed'],
    [failJudgment, 'attention', '❌', 'Failed'],
  ] as const)('shows %# with its colour and icon', (judgment, style, icon, label) => {
    const card = renderCheckpointResultCard({ ...base, judgment, evidence: pastedEvidence });
    const banner = (card.body as Record<string, unknown>[])[1];

    expect(banner).toMatchObject({ type: 'Container', style });
    expect(JSON.stringify(banner)).toContain(icon);
    expect(JSON.stringify(banner)).toContain(label);
  });

  it('shows a step with some of its outputs as waiting for the rest, saying what it has and lacks', () => {
    const judgment = {
      ...passJudgment,
      checkpoint: 'target-install' as const,
      status: 'unknown' as const,
      progress: {
        received: ['global settings (Get-ADSyncGlobalSettings)'],
        missing: [
          'Get-ADSyncScheduler output, for staging mode',
          'Get-ADSyncEntraConnectorCredential output',
        ],
      },
    };
    const card = renderCheckpointResultCard({ ...base, judgment, evidence: pastedEvidence });
    const text = allText(card);
    expect(JSON.stringify((card.body as unknown[])[1])).toContain(
      'Waiting for the rest of the outputs',
    );
    expect(text).toContain(
      'Received 1 of 3: global settings (Get-ADSyncGlobalSettings). Still missing: Get-ADSyncScheduler output, for staging mode; Get-ADSyncEntraConnectorCredential output.',
    );
    expect(text).not.toContain('Could not judge');
    expect(text).not.toContain('I could not read enough');
  });

  it('starts the sign-in form from what the old server showed, saying so, and leaves it blank otherwise', () => {
    const inputs = (card: unknown): Record<string, unknown> => {
      const values: Record<string, unknown> = {};
      for (const o of allObjects(card)) {
        if (typeof o.type === 'string' && o.type.startsWith('Input.'))
          values[String(o.id)] = o.value;
      }
      return values;
    };
    const prefilled = renderSignInFormCard({
      ...base,
      prefill: {
        method: 'pta',
        seamlessSso: true,
        features: { exchangeHybrid: true, directoryExtensions: true, groupWriteback: false },
      },
    });
    expect(inputs(prefilled)).toEqual({
      method: 'pta',
      seamlessSso: 'true',
      features: 'exchangeHybrid,directoryExtensions',
    });
    expect(allText(prefilled)).toContain(
      `Filled in from the global settings of ${sampleServers.oldServer} you sent earlier`,
    );
    const blank = renderSignInFormCard(base);
    expect(inputs(blank)).toEqual({ method: '', seamlessSso: 'false', features: '' });
    expect(allText(blank)).not.toContain('Filled in');
  });

  it('offers Continue anyway on the status card while a step waits for its warnings to be accepted', () => {
    const status = {
      ...sampleStatus,
      awaiting: 'confirmation' as const,
      lastJudgment: {
        checkpoint: 'tls12' as const,
        status: 'warn' as const,
        at: '2026-10-14T13:00:00Z',
      },
    };
    const card = renderStatusDashboardCard({ status, timeZone: sampleTimeZone });
    expect(allText(card)).toContain('to continue past the warnings of the last result');
    expect(allActions(card).map((action) => action.title)).toEqual([
      'Continue anyway',
      'Show the instructions',
      'Refresh',
    ]);
    expect(verbsOf(card)).toContain(cardVerbs.continueAnyway);
    // Without a warning there is nothing to continue past.
    const waiting = renderStatusDashboardCard({ status: sampleStatus, timeZone: sampleTimeZone });
    expect(allActions(waiting).map((action) => action.title)).not.toContain('Continue anyway');
  });

  it('names the next step as the runbook writes it', () => {
    const text = allText(
      renderCheckpointResultCard({ ...base, judgment: passJudgment, evidence: pastedEvidence }),
    );
    expect(text).toMatch(/Next: [A-Z]/);
  });

  it('names every fact read from the evidence as a person would, never by its key', () => {
    const judgment = {
      ...passJudgment,
      facts: {
        'old.version': '2.5.79.0',
        'signIn.feature.exchangeHybrid': false,
        'new.tls12Enforced': true,
        'old.somethingNobodyNamed': 'x',
      },
    };
    const card = renderCheckpointResultCard({ ...base, judgment, evidence: pastedEvidence });
    const facts = allObjects(card).find((o) => o.type === 'FactSet')?.facts as {
      title: string;
    }[];
    expect(facts.map((fact) => fact.title)).toEqual([
      'Old server: Entra Connect version',
      'Sign-in answers: Exchange hybrid deployment',
      'New server: TLS 1.2 enforced',
      'Old server: Something nobody named',
    ]);
  });

  it('offers the instructions again only when the step must be redone', () => {
    const passed = renderCheckpointResultCard({
      ...base,
      judgment: passJudgment,
      evidence: pastedEvidence,
    });
    const failed = renderCheckpointResultCard({
      ...base,
      judgment: failJudgment,
      evidence: pastedEvidence,
    });

    expect(verbsOf(passed)).toEqual([]);
    expect(passed.version).toBe('1.2');
    expect(verbsOf(failed)).toEqual([cardVerbs.showInstructions]);
  });

  it('names who sent the evidence, when, and its digest', () => {
    const text = allText(
      renderCheckpointResultCard({ ...base, judgment: passJudgment, evidence: pastedEvidence }),
    );

    expect(text).toContain('Evidence from Megan Bowen, Wed 14 Oct 2026, 15:42 CEST');
    expect(text).toContain(pastedEvidence.sha256);
  });

  it('shows the errors first and counts what it leaves out', () => {
    const card = renderCheckpointResultCard({
      ...base,
      judgment: worstJudgment,
      evidence: pastedEvidence,
    });
    const text = allText(card);

    expect(text).toContain('Findings (60)');
    expect(text).toContain('…and 52 more findings.');
    expect(text).toContain('…and 28 more facts.');
    // 20 of the 60 are errors: the 8 shown are all errors (plus the banner's cross).
    expect(text.match(/❌/g)).toHaveLength(9);
    expect(text).not.toContain('⚠️');
  });
});

describe('the configuration diff summary', () => {
  it('counts the differences by kind and importance', () => {
    const text = allText(
      renderConfigDiffCard({
        ...base,
        differences: realisticDifferences,
        oldFile: 'old.json',
        newFile: 'new.json',
      }),
    );

    expect(text).toContain('2 unexpected differences');
    expect(text).toContain('OU filter missing on the new server');
  });

  it('shows the ten most important of a big diff and offers the full list', () => {
    const card = renderConfigDiffCard({
      ...base,
      differences: worstDifferences,
      oldFile: 'old.json',
      newFile: 'new.json',
    });
    const text = allText(card);

    expect(text).toContain('The 10 most important of 400');
    expect(text).toContain('…and 390 more differences');
    expect(verbsOf(card)).toEqual([cardVerbs.sendFullDiff]);
    expect(text.match(/❌/g)?.length).toBeGreaterThanOrEqual(10);
  });
});

describe('the checkpoint request', () => {
  it('puts the exact PowerShell in a CodeBlock with a line-per-line fallback', () => {
    const checkpoint = checkpointById('config-export');
    const card = renderCheckpointRequestCard({ servers: sampleServers, checkpoint });
    const block = allObjects(card).find((o) => o.type === 'CodeBlock');

    expect(block).toMatchObject({ codeSnippet: checkpoint.powershell, language: 'PowerShell' });
    const fallbackLines = (block?.fallback as { items: { text: string }[] }).items.map(
      (i) => i.text,
    );
    expect(fallbackLines).toHaveLength(2);
    expect(fallbackLines[1]).toContain('\\*SynchronizationPolicy-\\*.json');
  });

  it('asks for a file upload in the personal chat when the evidence is a file', () => {
    const text = allText(
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('config-export'),
      }),
    );

    expect(text).toContain('Upload the file in our personal chat');
  });

  it('asks for a paste, and for a file over about 28 KB', () => {
    const text = allText(
      renderCheckpointRequestCard({ servers: sampleServers, checkpoint: checkpointById('tls12') }),
    );

    expect(text).toContain('Paste the whole output here');
    expect(text).toContain('about 28 KB');
    expect(text).toContain('AADC-NEW01.contoso.com (the new server)');
  });

  it('asks for the form at the sign-in step, with nothing to run or paste first', () => {
    const card = renderCheckpointRequestCard({
      servers: sampleServers,
      checkpoint: checkpointById('sign-in-settings'),
    });
    const text = allText(card);
    expect(text).toContain('Answer the form below');
    expect(text).not.toContain('Paste the whole output');
    expect(text).not.toContain('Run on');
    expect(allObjects(card).some((o) => o.type === 'CodeBlock')).toBe(false);
  });

  it("shows Learn's TLS 1.2 check itself, with its page, instead of only naming it", () => {
    const text = allText(
      renderCheckpointRequestCard({ servers: sampleServers, checkpoint: checkpointById('tls12') }),
    );
    expect(text).toContain('Get-ItemProperty -Path $_[0] -Name $_[1] -ErrorAction Ignore');
    expect(text).toContain('SCHANNEL\\Protocols\\TLS 1.2');
    expect(text).toContain(
      'https://learn.microsoft.com/entra/identity/hybrid/connect/reference-connect-tls-enforcement',
    );
  });

  it('asks for an @mention with the paste in a group chat or channel, where Teams needs one', () => {
    const text = allText(
      renderCheckpointRequestCard({
        place: 'shared',
        servers: sampleServers,
        checkpoint: checkpointById('tls12'),
      }),
    );

    expect(text).toContain('@mention me and paste the whole output in that message');
    expect(text).toContain('Teams shows me only the messages that @mention me');
    expect(text).not.toContain('Paste the whole output here as a reply');
  });

  it('names the least-privileged install account on the install step', () => {
    const text = allText(
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('target-install'),
      }),
    );

    expect(text).toContain('Install with the least-privileged account');
    expect(text).toContain('cloud-only account');
    expect(text).toContain('Hybrid Identity Administrator role assigned directly to the user');
    expect(text).toContain('not through a group');
    expect(text).toContain('a Global Administrator is not needed');
    expect(text).toContain('only when the wizard configures AD FS or PingFederate');
    expect(text).toContain('Directory Synchronization Accounts role');
    expect(text).toContain('Get-MgRoleManagementDirectoryRoleAssignment');
  });

  it('says the new server is Tier 0 where it is built', () => {
    const text = allText(
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('target-os'),
      }),
    );

    expect(text).toContain('Treat the new server as Tier 0');
    expect(text).toContain('never browse the web');
    expect(text).toContain('keep Windows patched');
    expect(text).toContain('Get-LocalGroupMember -Group Administrators');
  });

  it('asks for the old MSOL_ account rights and the ADSyncConfig cmdlets at config-match, in its own code block', () => {
    const card = renderCheckpointRequestCard({
      servers: sampleServers,
      checkpoint: checkpointById('config-match'),
    });
    const blocks = allObjects(card).filter((o) => o.type === 'CodeBlock');

    expect(blocks).toHaveLength(2);
    expect(blocks[1]?.codeSnippet).toContain('Get-ADSyncObjectsWithInheritanceDisabled');
    expect(blocks[1]?.codeSnippet).toContain('Set-ADSyncPasswordWritebackPermissions');
    expect(blocks[1]?.codeSnippet).toContain('Set-ADSyncExchangeHybridPermissions');
    expect(blocks[1]?.codeSnippet).toContain('-IncludeAdminSdHolders');
    expect(allText(card)).toContain('AdminSDHolder');
  });

  it('has no code block for a step without commands', () => {
    const card = renderCheckpointRequestCard({
      servers: sampleServers,
      checkpoint: checkpointById('sign-in-settings'),
    });

    expect(allObjects(card).some((o) => o.type === 'CodeBlock')).toBe(false);
  });
});

describe('the old server staging request for a server the wizard cannot switch', () => {
  const offline = { migrationId: sampleMigrationId, cutoff: sampleOldServerCutoff };
  const checkpoint = checkpointById('old-server-staging');

  it.each([
    [
      'below 2.5.79.0 after 30 September 2026, and below 2.4.18.0',
      '2.2.1.0',
      '2026-11-23',
      ['below 2.5.79.0', 'since 30 September 2026', 'below 2.4.18.0, since 30 April 2025'],
      true,
    ],
    [
      'below 2.5.79.0 after 30 September 2026 only',
      '2.4.21.0',
      '2026-11-23',
      ['below 2.5.79.0', 'since 30 September 2026'],
      false,
    ],
    [
      'below 2.4.18.0 before 30 September 2026',
      '2.3.20.0',
      '2026-06-01',
      ['below 2.4.18.0', 'since 30 April 2025', 'keeps running until 30 September 2026'],
      true,
    ],
  ] as const)('%s: says which rule applies', (_case, version, today, says, adsyncTools) => {
    const cutoff = oldServerCutoffOf({ 'old.version': version }, today);
    if (cutoff === null) throw new Error('expected a cutoff');
    const card = renderCheckpointRequestCard({
      servers: sampleServers,
      checkpoint,
      oldServerOffline: { migrationId: sampleMigrationId, cutoff },
    });
    const text = allText(card);

    expect(text).toContain('The wizard cannot put AADC01 in staging mode');
    expect(text).toContain(`AADC01 runs ${version}`);
    for (const words of says) expect(text).toContain(words);
    expect(text.includes('Enable-ADSyncToolsStagingMode')).toBe(adsyncTools);
  });

  it('offers shutting down or isolating, with a button to confirm each, and the scheduler paste as before', () => {
    const card = renderCheckpointRequestCard({
      servers: sampleServers,
      checkpoint,
      oldServerOffline: offline,
    });
    const text = allText(card);

    expect(card.version).toBe('1.4');
    expect(text).toContain('shutting it down or isolating it from outbound connections');
    expect(text).toContain('Set-Service ADSync -StartupType Disabled');
    expect(text).toContain('Paste the whole output here');
    expect(text).not.toContain('Set-ADSyncScheduler');
    // No instruction its own warning contradicts: the wizard line goes, the scheduler read stays.
    expect(text).not.toContain('Entra Connect wizard > Configure staging mode');
    expect(text).toContain('Get-ADSyncScheduler');
    expect(allActions(card).map((action) => [action.title, action.data])).toEqual([
      [
        'The old server is shut down',
        {
          verb: cardVerbs.confirmOldServerOffline,
          migrationId: sampleMigrationId,
          checkpointId: 'old-server-staging',
          how: 'shut-down',
        },
      ],
      [
        'The old server is isolated',
        {
          verb: cardVerbs.confirmOldServerOffline,
          migrationId: sampleMigrationId,
          checkpointId: 'old-server-staging',
          how: 'isolated',
        },
      ],
    ]);
  });

  it('has no alternative and no button for a server the wizard can switch', () => {
    const card = renderCheckpointRequestCard({ servers: sampleServers, checkpoint });

    expect(allText(card)).not.toContain('The wizard cannot');
    expect(allActions(card)).toEqual([]);
    expect(card.version).toBe('1.2');
  });

  it('escapes the server names it repeats', () => {
    const servers = { oldServer: `AADC01 ${hostileText}`, newServer: 'AADC-NEW01' };
    const text = JSON.stringify(
      renderCheckpointRequestCard({ servers, checkpoint, oldServerOffline: offline }),
    );

    expect(text).not.toMatch(/[^\\]\[approve here\]\(/);
    expect(text).not.toContain('${$root');
  });
});

describe('the decommission checklist', () => {
  it('lets each open item be confirmed on its own', () => {
    const card = renderDecommissionChecklistCard({
      ...base,
      confirmed: { 'uninstall-old-server': { by: 'Megan Bowen', at: '2026-10-28T09:10:00Z' } },
    });
    const items = allActions(card).map((action) => (action.data as { item: string }).item);

    expect(items).toEqual([
      'remove-ad-connector-account',
      'remove-entra-connector-account',
      'delete-old-app-registration',
      'register-new-health-agent',
      'remove-from-connect-health',
    ]);
    expect(allText(card)).toContain('Done: confirmed by Megan Bowen');
    expect(allText(card)).toContain('rogue');
    expect(allText(card)).toContain('1 of 6 done');
  });

  it('orders the new Health agent before removing the old server, names the application registration, and keeps AZUREADSSOACC', () => {
    const open = renderDecommissionChecklistCard({ ...base, confirmed: {} });
    const titles = allActions(open).map((action) => action.title);
    const text = allText(open);

    expect(titles.indexOf('Done: new Health agent registered')).toBeLessThan(
      titles.indexOf('Done: Connect Health'),
    );
    expect(text).toContain('First register the Health agent of AADC-NEW01.contoso.com');
    expect(text).toContain('Register-MicrosoftEntraConnectHealthAgent');
    expect(text).toContain('ConnectSyncProvisioning_AADC01_');
    expect(text).toContain('Remove-MgApplication');
    expect(text).toContain('Never delete the AZUREADSSOACC computer account');

    const registered = allText(
      renderDecommissionChecklistCard({
        ...base,
        confirmed: {
          'register-new-health-agent': { by: 'Megan Bowen', at: '2026-10-28T09:10:00Z' },
        },
      }),
    );
    expect(registered).not.toContain('First register the Health agent');
  });
});

describe('the monitoring check-in', () => {
  it('asks Healthy or Report a problem for day k of N', () => {
    const card = renderMonitoringCheckInCard({ ...base, day: 3, totalDays: 7 });

    expect(allText(card)).toContain('Monitoring · day 3 of 7');
    expect(verbsOf(card)).toEqual([
      cardVerbs.reportHealthy,
      'Action.ShowCard',
      cardVerbs.reportProblem,
    ]);
    expect(allActions(card)[0]?.data).toMatchObject({ day: 3, checkpointId: 'monitoring' });
    expect(allObjects(card).find((o) => o.id === 'problem')).toMatchObject({ isRequired: true });
  });

  it('does not call an old server below 2.5.79.0 a fallback', () => {
    const text = allText(
      renderMonitoringCheckInCard({
        ...base,
        day: 2,
        totalDays: 7,
        oldServer: { cutoff: sampleOldServerCutoff, offline: 'shut-down' },
      }),
    );

    expect(text).toContain('AADC01 stays shut down. It is no fallback: it cannot synchronise');
    expect(text).not.toContain('still in staging mode');
    expect(text).not.toContain('ready to take over');
    expect(text).toContain('I will send the guide to fix it on AADC-NEW01.contoso.com');
  });

  it('says when the cloud has not seen a sync for too long', () => {
    const text = allText(
      renderMonitoringCheckInCard({
        ...base,
        day: 5,
        totalDays: 7,
        cloudSync: staleCloudSync,
      }),
    );

    expect(text).toContain('No sync for 5 hours');
  });
});

describe('the escalation of an approval', () => {
  const view = {
    servers: sampleServers,
    checkpointId: 'cutover-approval' as const,
    awaiting: 'approval' as const,
    waitingOn: ['Megan Bowen', 'Lee Gu'],
    waitingSince: '2026-10-12T14:05:00Z',
    now: '2026-10-13T14:05:00Z',
    timeZone: 'Europe/Berlin',
    remindersSent: 2,
  };

  it('says the card is in their personal chats when it reached them all', () => {
    const text = allText(renderEscalationCard(view));
    expect(text).toContain('the approval card is in their personal chat with me');
    expect(text).not.toContain('has not reached');
  });

  it('names whom the request never reached and how they get it, and points only the others to their chat', () => {
    const text = allText(renderEscalationCard({ ...view, notReached: ['Lee Gu'] }));
    expect(text).toContain(
      'The request has not reached Lee Gu: ask them to add the app in Teams (Apps, search for Entra Connect Migration, Add)',
    );
    expect(text).toContain('Ask Megan Bowen directly: the approval card is in their personal chat');
  });
});

describe('the evidence reminder', () => {
  const view = {
    migrationId: 'm-1',
    servers: sampleServers,
    checkpointId: 'tls12' as const,
    awaiting: 'evidence' as const,
    waitingOn: ['Alex Wilber'],
    waitingSince: '2026-10-12T14:05:00Z',
    now: '2026-10-14T07:00:00Z',
    timeZone: 'Europe/Berlin',
    reminderNumber: 2,
  };

  it('at a step that passed with warnings, says so and offers Continue anyway', () => {
    const card = renderReminderCard({ ...view, awaiting: 'confirmation' });
    const text = allText(card);
    expect(text).toContain('The last result of this step passed with warnings');
    expect(text).not.toContain('The old server must never sync again');
    expect(allActions(card).map((action) => action.title)).toContain('Continue anyway');
  });

  it('asks for the paste here in a personal chat, and with an @mention in a channel', () => {
    expect(allText(renderReminderCard(view))).toContain('paste the output here, or upload');
    expect(allText(renderReminderCard(view, 'shared'))).toContain(
      'paste the output here in a message that @mentions me, or upload',
    );
  });
});

describe('the rollback guide', () => {
  it('asks for pastes with an @mention in a channel', () => {
    const shared = allText(renderRollbackGuideCard(base, 'shared'));
    expect(shared).toContain(
      'paste both Get-ADSyncScheduler outputs here in a message that @mentions me, then select Rollback done',
    );
    expect(allText(renderRollbackGuideCard(base))).toContain(
      'paste both Get-ADSyncScheduler outputs here, then select Rollback done',
    );
  });

  it('puts the new server in staging before the old one becomes active', () => {
    const text = allText(renderRollbackGuideCard(base));

    expect(text.indexOf('Put AADC-NEW01.contoso.com in staging mode')).toBeLessThan(
      text.indexOf('Make AADC01 active again'),
    );
    expect(verbsOf(renderRollbackGuideCard(base))).toEqual([
      cardVerbs.confirmRollback,
      cardVerbs.resumeMonitoring,
    ]);
  });

  it.each([
    ['shut-down', 'Keep AADC01 shut down'],
    ['isolated', 'Keep AADC01 isolated'],
    [null, 'Leave AADC01 in staging mode'],
  ] as const)(
    'for an old server below 2.5.79.0 (%s) says going back restores nothing and fixes forward',
    (offline, keep) => {
      const card = renderRollbackGuideCard({
        ...base,
        oldServer: { cutoff: sampleOldServerCutoff, offline },
      });
      const text = allText(card);

      expect(text).toContain('No way back to AADC01: fix forward on AADC-NEW01.contoso.com');
      expect(text).toContain('Going back to AADC01 restores nothing: it cannot synchronise.');
      expect(text).toContain(keep);
      expect(text).toContain('Fix the problem on AADC-NEW01.contoso.com');
      expect(text).toContain('build another server from the export');
      expect(text).not.toContain('Make AADC01 active again');
      expect(text).not.toContain('In this order only');
      expect(verbsOf(card)).toEqual([cardVerbs.resumeMonitoring]);
    },
  );
});

describe('the status dashboard', () => {
  it('shows the phases, the current step, who is waited on and the next reminder', () => {
    const text = allText(
      renderStatusDashboardCard({ status: sampleStatus, timeZone: sampleTimeZone }),
    );

    expect(text).toContain('Now: Enforce TLS 1.2 on the new server (step 6 of 14)');
    expect(text).toContain('Waiting for evidence from Megan Bowen');
    expect(text).toContain('Thu 15 Oct 2026, 09:00 CEST');
    expect(text).toContain('4 of 4');
  });
});

describe('the error card', () => {
  it('shows the message and the reference, never a stack trace', () => {
    const card = renderErrorCard({
      message:
        'I could not store the evidence.\n    at BlobClient.upload (storage.js:120:11)\n    at async x',
      correlationId: '4c1f7e2a-9b3d-4e8f-a6c5-1d2e3f4a5b6c',
    });
    const text = allText(card);

    expect(text).toContain('I could not store the evidence.');
    expect(text).toContain('4c1f7e2a-9b3d-4e8f-a6c5-1d2e3f4a5b6c');
    expect(text).not.toContain('storage.js');
    expect(text).not.toMatch(/\bat BlobClient/);
  });
});

describe('the final report', () => {
  it('reminds that the new server stays Tier 0 and the installer role can be lowered', () => {
    const sample = cardSamples.find((s) => s.name === 'final-report');
    const text = allText(sample?.render());

    expect(text).toContain('Keep it Tier 0');
    expect(text).toContain('AADC-NEW01.contoso.com holds the keys to Microsoft Entra ID');
    expect(text).toContain('lower that account');
  });
});
