import { isConnectVersion } from '../connect-version';
import { optionalFeatures, type OptionalFeatureKey } from '../optional-features';
import type { SignInMethod } from '../sign-in-answers';
import { absentEvidence, parsedEvidence, type EvidenceParse } from './evidence-parse';
import { readListFields } from './format-list';
import { isTruncated, normalizePastedText } from './pasted-text';
import { firstWordOf, readPowerShellBoolean } from './powershell-values';
import { setDefined } from './set-defined';

/** What `(Get-ADSyncGlobalSettings).Parameters | select Name,Value` printed, and the settings read from it. */
export interface GlobalSettings {
  /** Every parameter as printed (`''` when the value column was empty). */
  parameters: Readonly<Record<string, string>>;
  /** Parameters whose value Format-Table cut short with `...`. */
  truncated: readonly string[];
  version?: string;
  stagingModeEnabled?: boolean;
  /** The SignOnMethod value as printed (PasswordHashSync, NotConfigured, ...). */
  signOnMethodValue?: string;
  /** The sign-on method in the sign-in form's terms, when the printed value is one the evaluator knows. */
  signInMethod?: SignInMethod;
  seamlessSso?: boolean;
  features: Partial<Record<OptionalFeatureKey, boolean>>;
  deletionThresholdEnabled?: boolean;
  deletionThreshold?: number;
  syncInterval?: string;
  machineRole?: string;
  anchorAttribute?: string;
  autoUpgradeState?: string;
}

/** Parameter names as real servers print them (the evaluator reads the ones it needs by these names). */
export const globalSettingNames = {
  version: 'Microsoft.Synchronize.ServerConfigurationVersion',
  stagingMode: 'Microsoft.Synchronize.StagingMode',
  signOnMethod: 'Microsoft.UserSignIn.SignOnMethod',
  seamlessSso: 'Microsoft.UserSignIn.DesktopSsoEnabled',
  deletionThreshold: 'Microsoft.OptionalFeature.ExportDeletionThreshold',
  deletionThresholdValue: 'Microsoft.OptionalFeature.ExportDeletionThresholdValue',
  syncInterval: 'Microsoft.Synchronize.TimeInterval',
  machineRole: 'Microsoft.SystemInformation.MachineRole',
  anchorAttribute: 'Microsoft.SynchronizationOption.AnchorAttribute',
  autoUpgradeState: 'Microsoft.OptionalFeature.AutoUpgradeState',
  directoryExtensionAttributes: 'Microsoft.OptionalFeature.DirectoryExtensionAttributes',
} as const;

/** All parameter names seen on real servers: a name Format-Table truncated is completed from this list. */
const knownParameterNames: readonly string[] = [
  ...Object.values(globalSettingNames),
  ...optionalFeatures.flatMap((feature) =>
    feature.parameter === undefined ? [] : [feature.parameter],
  ),
  'Microsoft.AADFilter.ApplicationList',
  'Microsoft.AADFilter.AttributeExclusionList',
  'Microsoft.ConnectDirectories.WizardDirectoryMode',
  'Microsoft.DeviceWriteBack.Container',
  'Microsoft.DeviceWriteBack.Forest',
  'Microsoft.DirectoryExtension.SourceTargetAttributesMap',
  'Microsoft.GroupWriteBack.Container',
  'Microsoft.GroupWriteBack.Forest',
  'Microsoft.OptionalFeature.AutoUpgradeSuspensionReason',
  'Microsoft.OptionalFeature.DeviceWriteUp',
  'Microsoft.OptionalFeature.FilterAAD',
  'Microsoft.OptionalFeature.GroupFiltering',
  'Microsoft.OptionalFeature.UserWriteBack',
  'Microsoft.SynchronizationOption.CustomAttribute',
  'Microsoft.SynchronizationOption.JoinCriteria',
  'Microsoft.SynchronizationOption.UPNAttribute',
  'Microsoft.Synchronize.MaintenanceEnabled',
  'Microsoft.Synchronize.NextStartTime',
  'Microsoft.Synchronize.RunHistoryPurgeInterval',
  'Microsoft.Synchronize.SchedulerSuspended',
  'Microsoft.Synchronize.SynchronizationPolicy',
  'Microsoft.Synchronize.SynchronizationSchedule',
  'Microsoft.UserWriteBack.Container',
  'Microsoft.UserWriteBack.Forest',
  'Microsoft.Version.SynchronizationRuleImmutableTag',
];

/** The parameters the judgments rely on; a paste without them is reported as incomplete. */
const essentialNames = [
  globalSettingNames.version,
  globalSettingNames.stagingMode,
  globalSettingNames.signOnMethod,
  globalSettingNames.seamlessSso,
  globalSettingNames.deletionThreshold,
  globalSettingNames.deletionThresholdValue,
];

const dataTypes = 'String|Boolean|Int32|Int64|Integer|Long|DateTime|TimeSpan|Guid|Binary';

/** The labels of a parameter printed as a list (`(Get-ADSyncGlobalSettings).Parameters` without select). */
const listLabels = [
  'Name',
  'InputType',
  'Scope',
  'Description',
  'RegexValidationPattern',
  'DefaultValue',
  'Value',
  'Extensible',
  'PageNumber',
  'Intrinsic',
  'DataType',
];

/**
 * Reads global settings printed as a Name/Value table (sorted or not, with or without a DataType
 * column), as `Name : value` lines, or as Format-List records, also when the line breaks were lost.
 */
export function parseGlobalSettings(text: string): EvidenceParse<GlobalSettings> {
  const normalized = normalizePastedText(text);
  // Quoted names are a command's arguments; names followed by `,` or `}` are a property list.
  const namePattern = /(?<![\w.'"{\\/-])Microsoft(?:\.[A-Za-z0-9]+)+(?:\.\.\.|…)?/g;
  const matches = [...normalized.matchAll(namePattern)].filter(
    (match) =>
      !/^\s*[,}'"]/.test(
        normalized.slice(match.index + match[0].length, match.index + match[0].length + 200),
      ),
  );
  const dataTypeColumn = dataTypeColumnOf(normalized);
  const parameters: Record<string, string> = {};
  matches.forEach((match, index) => {
    const name = completeName(match[0]);
    // A repeated name overrides: a paste of "before" and "after" ends with the current state.
    if (name === undefined) return;
    const start = match.index + match[0].length;
    const next = matches[index + 1]?.index ?? normalized.length;
    const value = followsNameLabel(normalized, match.index)
      ? (readListFields(normalized.slice(start, next), listLabels).find((f) => f.field === 'Value')
          ?.value ?? '')
      : tableCellOf(normalized, start, next, dataTypeColumn);
    parameters[name] = value;
  });
  const truncated = Object.keys(parameters).filter((name) => isTruncated(parameters[name] ?? ''));
  if (Object.keys(parameters).length === 0) {
    return absentEvidence(
      'No Get-ADSyncGlobalSettings parameters (such as Microsoft.Synchronize.StagingMode) were found.',
    );
  }
  const missing = essentialNames.filter((name) => !(name in parameters));
  return parsedEvidence(settingsOf(parameters, truncated), missing);
}

function settingsOf(parameters: Record<string, string>, truncated: string[]): GlobalSettings {
  const word = (name: string): string | undefined => firstWordOf(parameters[name]);
  const flag = (name: string): boolean | undefined => readPowerShellBoolean(parameters[name]);
  const settings: GlobalSettings = { parameters, truncated, features: {} };
  const version = word(globalSettingNames.version);
  if (version !== undefined && isConnectVersion(version)) settings.version = version;
  setDefined(settings, 'stagingModeEnabled', flag(globalSettingNames.stagingMode));
  const signOn = word(globalSettingNames.signOnMethod);
  if (signOn !== undefined) {
    settings.signOnMethodValue = signOn;
    setDefined(settings, 'signInMethod', signInMethodOf(signOn));
  }
  setDefined(settings, 'seamlessSso', flag(globalSettingNames.seamlessSso));
  for (const feature of optionalFeatures) {
    if (feature.parameter === undefined) continue;
    const enabled = flag(feature.parameter);
    if (enabled !== undefined) settings.features[feature.key] = enabled;
  }
  setDefined(settings, 'deletionThresholdEnabled', flag(globalSettingNames.deletionThreshold));
  const threshold = Number(word(globalSettingNames.deletionThresholdValue));
  if (
    Number.isInteger(threshold) &&
    word(globalSettingNames.deletionThresholdValue) !== undefined
  ) {
    settings.deletionThreshold = threshold;
  }
  setDefined(settings, 'syncInterval', word(globalSettingNames.syncInterval));
  setDefined(settings, 'machineRole', word(globalSettingNames.machineRole));
  setDefined(settings, 'anchorAttribute', word(globalSettingNames.anchorAttribute));
  setDefined(settings, 'autoUpgradeState', word(globalSettingNames.autoUpgradeState));
  return settings;
}

/**
 * The sign-on method in the form's terms. Real servers print PasswordHashSync and NotConfigured;
 * the other names are matched loosely because no real output of them was available.
 */
export function signInMethodOf(value: string): SignInMethod | undefined {
  const compact = value.toLowerCase().replace(/[^a-z]/g, '');
  if (compact.includes('passwordhash') || compact === 'phs') return 'phs';
  if (compact.includes('passthrough') || compact === 'pta') return 'pta';
  if (compact.includes('ping')) return 'pingfederate';
  if (compact.includes('adfs') || compact.includes('federat')) return 'adfs';
  if (compact === 'notconfigured' || compact === 'donotconfigure' || compact === 'none')
    return 'none';
  return undefined;
}

/** A full parameter name; a name truncated with `...` is completed when exactly one known name fits. */
function completeName(printed: string): string | undefined {
  if (!isTruncated(printed)) return printed;
  const stem = printed.replace(/(?:\.\.\.|…)$/, '');
  const candidates = knownParameterNames.filter((name) => name.startsWith(stem));
  return candidates.length === 1 ? candidates[0] : undefined;
}

type DataTypeColumn = 'before' | 'after' | 'none';

/** Where a DataType column stands relative to the value: from the header, else from the rows. */
function dataTypeColumnOf(text: string): DataTypeColumn {
  const header = /\bName\b[ ]+(?:(DataType)\b[ ]+Value\b|Value\b[ ]+(DataType)\b)/i.exec(text);
  if (header !== null) return header[1] === undefined ? 'after' : 'before';
  const rows = text.split('\n').filter((line) => /Microsoft\.\w+\.\w+/.test(line));
  const ending = rows.filter((line) => new RegExp(`\\s(?:${dataTypes})\\s*$`).test(line)).length;
  return rows.length > 0 && ending / rows.length >= 0.6 ? 'after' : 'none';
}

/** The value cell after a name in a table row, without a DataType column or a `:` separator. */
function tableCellOf(text: string, start: number, next: number, column: DataTypeColumn): string {
  const lineEnd = text.slice(start, next).indexOf('\n');
  const cell = text
    .slice(start, lineEnd === -1 ? next : start + lineEnd)
    .trim()
    .replace(/^:\s*/, '');
  // Plain string work on the last or first word: a regex here would backtrack over long padding.
  if (column === 'after') {
    const space = cell.lastIndexOf(' ');
    return isDataType(cell.slice(space + 1)) ? cell.slice(0, Math.max(space, 0)).trim() : cell;
  }
  if (column === 'before') {
    const space = cell.indexOf(' ');
    const first = space === -1 ? cell : cell.slice(0, space);
    return isDataType(first) ? (space === -1 ? '' : cell.slice(space + 1).trim()) : cell;
  }
  return cell;
}

function isDataType(word: string): boolean {
  return new RegExp(`^(?:${dataTypes})$`).test(word);
}

/**
 * True when the line before `at` ends with a `Name :` label, as `/\bName\s*:\s*$/i` tests it on
 * the line up to `at`, reading back only over the label and its blanks: testing the whole line
 * for each name of a long line took quadratic time.
 */
export function followsNameLabel(text: string, at: number): boolean {
  const blank = (index: number): boolean => {
    const char = text.charAt(index);
    return char !== '\n' && /\s/.test(char);
  };
  let index = at - 1;
  while (index >= 0 && blank(index)) index -= 1;
  if (text.charAt(index) !== ':') return false;
  index -= 1;
  while (index >= 0 && blank(index)) index -= 1;
  const start = index - 3;
  if (start < 0 || text.slice(start, index + 1).toLowerCase() !== 'name') return false;
  return start === 0 || !/\w/.test(text.charAt(start - 1));
}
