import type { Finding } from '../judgment';

// Learn how-to-connect-import-export-config: "View or Export Current Configuration" exports to
// %ProgramData%\AADConnect; servers without settings management use MigrateSettings.ps1 instead.
/** What to run on the old server to get its settings export. */
export const howToExportOldSettings =
  'On the old server open Microsoft Entra Connect, choose "View or export current configuration" and select Export settings; upload the JSON file it writes (by default to %ProgramData%\\AADConnect). A server older than 1.5.42.0 has no export: copy MigrateSettings.ps1 from the Tools folder of the new installer, run it on the old server and upload MigratedPolicy.json from the Exported-ServerConfiguration-* folder it creates.';

// Learn how-to-connect-import-export-config: every wizard change writes a time-stamped Applied-SynchronizationPolicy-*.JSON.
/** What to run on the new server to get its applied settings. */
export const howToGetNewSettings =
  'On the new server upload the newest %ProgramData%\\AADConnect\\Applied-SynchronizationPolicy-*.json, or export on demand (Microsoft Entra Connect > "View or export current configuration" > Export settings) if anything was changed outside the wizard since.';

// Learn how-to-connect-import-export-config, "Only changes made by Microsoft Entra Connect are automatically exported".
/** Why a file written by the wizard may miss later changes, and what to do about it. */
export const onDemandExportNote: Finding = {
  severity: 'info',
  message:
    'Applied-SynchronizationPolicy files are written only when the Entra Connect wizard changes the configuration; changes made later with the Synchronization Rules Editor, the Synchronization Service Manager or PowerShell are not in them.',
  remediation:
    'If anything was changed that way, export on demand (Microsoft Entra Connect > "View or export current configuration" > Export settings) and upload that file instead.',
};

// Learn how-to-connect-import-export-config, "Post-installation verification": the known limitations.
/** What no export carries and must be reapplied by hand on the new server. */
export const notCarriedByExport: Finding = {
  severity: 'info',
  message:
    'The import does not apply device writeback, object-type or attribute filtering made in the Synchronization Service Manager, custom run profiles, or the provisioning hierarchy; AD FS and PingFederate need their parameters again.',
  remediation:
    'If the old server uses any of these, configure them again on the new server after the import (device writeback in the Entra Connect wizard, the rest in the Synchronization Service Manager).',
};
