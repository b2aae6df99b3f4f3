import { readFileSync } from 'node:fs';

/** The real outputs in test/fixtures/real/, by file name. */
export const realFixtureNames = {
  schedulerStagingOff: '01a-get-adsyncscheduler-staging-off-sync-enabled-2025.txt',
  schedulerStagingOn: '01b-get-adsyncscheduler-staging-ON.txt',
  globalSettings: '02a-get-adsyncglobalsettings-v2.2.1.0-sorted.txt',
  migrateSettingsConsole: '03b-migratesettings-ps1-console-output.txt',
  tls12Check: '04b-tls12-check-real-outputs-not-configured-and-configured.txt',
  systeminfo: '05-systeminfo-server-2016-and-2022.txt',
  systeminfoEvaluationAndClient: '06-systeminfo-server-2019-evaluation-and-windows-11-24h2.txt',
  wizardTls12NotConfigured: '12a-wizard-tls12-not-configured.txt',
  settingsImportMissingFile: '12b-wizard-settings-import-missing-file.txt',
  runProfileNoStartConnection: '12c-run-profile-result-no-start-connection.txt',
  exportPermissionIssue: '12d-export-completed-export-errors-permission-issue.txt',
  stoppedExtensionDllException: '12e-stopped-extension-dll-exception.txt',
  syncAlreadyRunning: '12f-start-adsyncsynccycle-sync-already-running.txt',
  cmdletNotRecognized: '12g-start-adsyncsynccycle-not-recognized.txt',
  event906TokenFailures: '12h-event-906-token-failures.txt',
  syncAccountModalDialog: '12i-sync-account-mfa-modal-dialog.txt',
  aadstsFromOtherClients: '12j-aadsts-messages-printed-by-other-clients.txt',
  deletionThresholdDefault: '12k-get-adsyncexportdeletionthreshold-default.txt',
  partitionPasswordSyncState: '12l-get-adsyncpartitionpasswordsyncstate.txt',
} as const;

/** The text of a real fixture, provenance header included, exactly as stored. */
export function realFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/real/${name}`, import.meta.url), 'utf8');
}

/** One of the sections a fixture marks `# (A)`, `# (B)`, ...: the text from that marker to the next. */
export function fixtureSection(text: string, letter: string): string {
  const start = text.indexOf(`# (${letter})`);
  if (start === -1) throw new Error(`No section (${letter})`);
  const next = text.slice(start + 5).search(/# \([A-Z]\)/);
  return next === -1 ? text.slice(start) : text.slice(start, start + 5 + next);
}

/** The text as Teams may deliver it when line breaks are lost: everything on one line. */
export function flattened(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The text with Windows line ends, as a file saved on the server has them. */
export function withCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The text's lines without the `#` provenance header, for builders that change a real output. */
export function withoutHeader(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}
