import { decideCloudSyncFit, simpleTenantFeatures } from '../../migration/cloud-sync-fit';
import { checkpointById } from '../../migration/runbook';
import { renderCloudSyncForm } from '../cloud-sync-form-card';
import { renderCloudSyncResult } from '../cloud-sync-result-card';
import { renderCheckpointRequestCard } from '../checkpoint-request-card';
import { renderHelpCard } from '../help-card';
import { renderReminderCard } from '../reminder-card';
import { renderStartForm } from '../start-form-card';
import { renderStatusDashboardCard } from '../status-dashboard-card';
import {
  hostileText,
  sampleApprovers,
  sampleMigrationId,
  sampleOldServerCutoff,
  sampleOwner,
  sampleServers,
  sampleStatus,
  sampleTimeZone,
} from './sample-migration';

import type { CardSample } from './card-sample';
import { laterCardSamples } from './later-samples';

export type { CardSample } from './card-sample';

const helpCommands = [
  { name: 'start migration', description: 'Start a swing migration with a short form.' },
  { name: 'status', description: 'Show where the migration stands and who it waits on.' },
  { name: 'pause / resume', description: 'Stop or restart the reminders.' },
  { name: 'list', description: 'List the migrations of this tenant.' },
  { name: 'help', description: 'Show this card.' },
];

const pickedApprovers = [
  { id: '5f0c2a71-93d4-4d8e-a1b6-3c2e9f7a4b10', name: 'Lee Gu' },
  { id: 'a8e3b6d2-17c4-4f59-9b0e-6d1f2c3a4e5b', name: 'Adele Vance' },
];

const firstCardSamples: readonly CardSample[] = [
  {
    name: 'help',
    card: 'help',
    description: 'Help and welcome',
    render: () =>
      renderHelpCard({
        commands: helpCommands,
        minimumSyncVersion: '2.5.79.0',
        enforcedSince: '30 September 2026',
        targetVersion: '2.6.84.0',
        targetBy: '7 April 2027',
      }),
  },
  {
    name: 'start-form',
    card: 'start form',
    description: 'Start form, first time: defaults filled in',
    render: () =>
      renderStartForm({
        migrationId: sampleMigrationId,
        peoplePicker: true,
        values: { timeZone: sampleTimeZone },
      }),
  },
  {
    name: 'start-form-problems',
    card: 'start form',
    description: 'Start form sent back with the problems next to the fields, values kept',
    hostile: true,
    render: () =>
      renderStartForm({
        migrationId: sampleMigrationId,
        peoplePicker: true,
        values: {
          oldServer: 'AADC01',
          newServer: 'aadc01',
          approvers: pickedApprovers,
          approversText: `nestor.wilke@contoso.com, ${hostileText}`,
          monitoringDays: 45,
          timeZone: 'Berlin',
          workStart: '18:00',
          workEnd: '08:00',
          workDays: [],
        },
        problems: [
          {
            field: 'newServer',
            message: 'The new server must be a different server from the old one.',
          },
          {
            field: 'approversText',
            message: `I could not find "${hostileText}" in your directory.`,
          },
          { field: 'monitoringDays', message: 'Monitor for at most 30 days.' },
          { field: 'timeZone', message: 'Use an IANA time zone such as Europe/Berlin.' },
          { field: 'workingHours.end', message: 'Working hours must end after they start.' },
          { field: 'workingHours.days', message: 'Pick at least one working day.' },
        ],
      }),
  },
  {
    name: 'start-form-plain',
    card: 'start form',
    description: 'Start form outside Teams: no people picker, sign-in names typed',
    render: () =>
      renderStartForm({
        migrationId: sampleMigrationId,
        peoplePicker: false,
        values: { timeZone: 'America/New_York' },
      }),
  },
  {
    name: 'cloud-sync-form',
    card: 'cloud sync form',
    description: 'Cloud Sync check: the features that decide, nothing known yet',
    render: () => renderCloudSyncForm({}),
  },
  {
    name: 'cloud-sync-form-prefilled',
    card: 'cloud sync form',
    description:
      'Cloud Sync check filled in from the running migration’s records of the old server',
    hostile: true,
    render: () =>
      renderCloudSyncForm({
        values: {
          signInMethod: 'pta',
          passwordHashSync: true,
          deviceWriteback: true,
          groupWriteback: 'microsoft-365-groups',
          customSyncRules: true,
          forests: 'connected',
        },
        prefill: {
          migrationId: sampleMigrationId,
          oldServer: hostileText,
          taken: [
            'sign-in method',
            'password hash sync on',
            'device writeback on',
            'group writeback on',
            '3 custom sync rules in the export',
            '2 forests',
          ],
        },
      }),
  },
  {
    name: 'cloud-sync-result-fits',
    card: 'cloud sync result',
    description: 'Cloud Sync fits a single-forest tenant with password hash sync',
    render: () =>
      renderCloudSyncResult(
        decideCloudSyncFit({ ...simpleTenantFeatures, passwordWriteback: true, filtering: 'ou' }),
      ),
  },
  {
    name: 'cloud-sync-result-worst-case',
    card: 'cloud sync result',
    description: 'Cloud Sync ruled out by every blocking feature, each with its reason',
    worstCase: true,
    render: () =>
      renderCloudSyncResult(
        decideCloudSyncFit({
          signInMethod: 'adfs',
          passwordHashSync: true,
          passwordWriteback: true,
          exchangeHybrid: true,
          directoryExtensions: true,
          groupWriteback: 'microsoft-365-groups',
          deviceWriteback: true,
          hybridJoinDevices: true,
          customSyncRules: true,
          filtering: 'attribute',
          forests: 'connected',
          mergedAttributesAcrossForests: true,
          domainOver150kObjects: true,
          groupOver50kMembers: true,
        }),
      ),
  },
  {
    name: 'checkpoint-request',
    card: 'checkpoint request',
    description: 'Checkpoint request: paste the PowerShell output',
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('source-settings'),
      }),
  },
  {
    name: 'checkpoint-request-file',
    card: 'checkpoint request',
    description: 'Checkpoint request: the export is a file upload',
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('config-export'),
      }),
  },
  {
    name: 'checkpoint-request-old-server-offline',
    card: 'checkpoint request',
    description:
      'Checkpoint request: an old server below 2.5.79.0 the wizard cannot switch to staging mode',
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('old-server-staging'),
        oldServerOffline: { migrationId: sampleMigrationId, cutoff: sampleOldServerCutoff },
      }),
  },
  {
    name: 'checkpoint-request-tier0',
    card: 'checkpoint request',
    description: 'Checkpoint request: the new server is Tier 0 (who may sign in)',
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('target-os'),
      }),
  },
  {
    name: 'checkpoint-request-least-privilege',
    card: 'checkpoint request',
    description: 'Checkpoint request: install with the least-privileged account',
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('target-install'),
      }),
  },
  {
    name: 'checkpoint-request-connector-rights',
    card: 'checkpoint request',
    description: "Checkpoint request: grant the new MSOL_ account the old one's extra rights",
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('config-match'),
      }),
  },
  {
    name: 'checkpoint-request-again',
    card: 'checkpoint request',
    description: 'Checkpoint request sent again after a failed judgment',
    render: () =>
      renderCheckpointRequestCard({
        servers: sampleServers,
        checkpoint: checkpointById('new-server-active'),
        again: true,
      }),
  },
  {
    name: 'reminder',
    card: 'reminder',
    description: 'Reminder: evidence missing for two days, with snooze choices',
    render: () =>
      renderReminderCard({
        migrationId: sampleMigrationId,
        servers: sampleServers,
        checkpointId: 'tls12',
        awaiting: 'evidence',
        waitingOn: [sampleOwner],
        waitingSince: '2026-10-12T14:05:00Z',
        now: '2026-10-14T07:00:00Z',
        timeZone: sampleTimeZone,
        reminderNumber: 2,
        nextReminderAt: '2026-10-16T07:00:00Z',
      }),
  },
  {
    name: 'reminder-approval',
    card: 'reminder',
    description: 'Reminder to the approvers: the cutover waits',
    render: () =>
      renderReminderCard({
        migrationId: sampleMigrationId,
        servers: sampleServers,
        checkpointId: 'cutover-approval',
        awaiting: 'approval',
        waitingOn: [...sampleApprovers],
        waitingSince: '2026-10-20T09:30:00Z',
        now: '2026-10-21T07:00:00Z',
        timeZone: sampleTimeZone,
        reminderNumber: 1,
      }),
  },
  {
    name: 'status-dashboard',
    card: 'status dashboard',
    description: 'Status dashboard in the build phase',
    render: () => renderStatusDashboardCard({ status: sampleStatus, timeZone: sampleTimeZone }),
  },
  {
    name: 'status-dashboard-approval',
    card: 'status dashboard',
    description: 'Status dashboard at the cutover approval, reminders paused',
    render: () =>
      renderStatusDashboardCard({
        status: {
          ...sampleStatus,
          phase: 'cutover',
          checkpoint: 'cutover-approval',
          awaiting: 'approval',
          awaitingWho: [...sampleApprovers],
          completedCheckpoints: [
            ...sampleStatus.completedCheckpoints,
            'tls12',
            'target-install',
            'config-match',
            'staging-sync',
          ],
          remindersSent: 3,
        },
        timeZone: sampleTimeZone,
        paused: true,
      }),
  },
];

/** Every card with its samples, the worst-case sizes included. */
export const cardSamples: readonly CardSample[] = [...firstCardSamples, ...laterCardSamples];
