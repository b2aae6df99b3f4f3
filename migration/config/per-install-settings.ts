/** One part of an export that legitimately differs between two installs, with where that is stated. */
export interface PerInstallSetting {
  key: string;
  why: string;
  source: string;
}

const importExportPage =
  'Learn: Import and export Microsoft Entra Connect configuration settings (how-to-connect-import-export-config)';
const migrateSettingsNotes =
  'MigrateSettings.ps1 as described in reference 03c (policyMetadata and deploymentMetadata keys)';
const exportReaders =
  'reference 03c: public scripts that compare exports normalise these GUIDs before comparing';

/** Top-level sections that describe the export and the install, never the synchronisation itself. */
export const perInstallSections: readonly PerInstallSetting[] = [
  {
    // 03c: type, author, timeCreated and the wizard version of the machine that wrote the file.
    key: 'policyMetadata',
    why: 'who wrote the file, when, and with which Entra Connect version (reported as a fact, not compared)',
    source: migrateSettingsNotes,
  },
  {
    // Learn how-to-connect-import-export-config: SQL Server and service account "aren't imported ... for information and comparison purposes".
    key: 'deploymentMetadata',
    why: 'host name, service account, SQL database and connector ids of the server that wrote the file',
    source: `${importExportPage}; ${migrateSettingsNotes}`,
  },
];

/** Keys ignored wherever they appear: identifiers and install details generated on each server. */
export const perInstallKeys: readonly PerInstallSetting[] = [
  {
    // 03c: onpremisesDirectoryPolicy[].uniqueIdentifier is the connector GUID; sync rules carry one too.
    key: 'uniqueIdentifier',
    why: 'connector and sync rule GUIDs are created by each installation',
    source: exportReaders,
  },
  {
    // 03c: custom sync rules also carry an internalIdentifier GUID.
    key: 'internalIdentifier',
    why: 'custom sync rule GUIDs are created by each installation',
    source: exportReaders,
  },
  {
    // 03c: deploymentMetadata.connectorIds lists the connector GUIDs of the writing server.
    key: 'connectorIds',
    why: 'connector GUIDs of the server that wrote the file',
    source: migrateSettingsNotes,
  },
  {
    // 03c: deploymentMetadata.hostName; the new server is a different machine by design (swing migration).
    key: 'hostName',
    why: 'the FQDN of the server that wrote the file',
    source: migrateSettingsNotes,
  },
  {
    // Learn how-to-connect-import-export-config: an existing service account instead of the virtual one is not imported.
    key: 'serviceAccount',
    why: 'the ADSync service account is chosen per install',
    source: importExportPage,
  },
  {
    // Learn how-to-connect-import-export-config: the service account choice is made during each install.
    key: 'serviceAccountType',
    why: 'the ADSync service account type is chosen per install',
    source: importExportPage,
  },
  {
    // Learn how-to-connect-import-export-config: "SQL Server instead of LocalDB ... aren't imported".
    key: 'databaseServer',
    why: 'SQL Server or LocalDB is chosen per install',
    source: importExportPage,
  },
  {
    // Learn how-to-connect-import-export-config: the database choice is not imported.
    key: 'databaseInstance',
    why: 'the SQL instance is chosen per install',
    source: importExportPage,
  },
  {
    // Learn how-to-connect-import-export-config: the database choice is not imported.
    key: 'databaseName',
    why: 'the SQL database is chosen per install',
    source: importExportPage,
  },
  {
    // 03c: MigrateSettings.ps1 says databaseType "is a calculated field and is intentionally ommitted".
    key: 'databaseType',
    why: 'calculated from the database choice of each install',
    source: migrateSettingsNotes,
  },
  {
    // 03c: policyMetadata.timeCreated; every export and every wizard run writes a new time stamp.
    key: 'timeCreated',
    why: 'the time the file was written',
    source: `${importExportPage} (Applied-SynchronizationPolicy-*.JSON is time-stamped on every change)`,
  },
];

const ignoredSections = new Set(perInstallSections.map((setting) => setting.key));
const ignoredKeys = new Set(perInstallKeys.map((setting) => setting.key));

/** True for a top-level section that is not compared. */
export function isPerInstallSection(key: string): boolean {
  return ignoredSections.has(key);
}

/** True for a key that is not compared wherever it appears. */
export function isPerInstallKey(key: string): boolean {
  return ignoredKeys.has(key);
}
