/** How a setting differs between the old export and the new server's applied settings. */
export const differenceKinds = ['added', 'removed', 'changed'] as const;
export type DifferenceKind = (typeof differenceKinds)[number];

/**
 * How much a difference matters: `critical` changes what is synchronised (fail), `review` may
 * (warn), `cosmetic` only changes text (warn), `expected` comes with a newer product version (info).
 */
export const differenceImportances = ['critical', 'review', 'cosmetic', 'expected'] as const;
export type DifferenceImportance = (typeof differenceImportances)[number];

/** Which part of the configuration a difference is in, in the words an admin uses. */
export const configAreas = [
  'directory',
  'partition',
  'ou-filter',
  'custom-rule',
  'standard-rule',
  'setting',
] as const;
export type ConfigArea = (typeof configAreas)[number];

/** One difference between two configuration documents; `path` names entries by forest, partition or rule name, never by array position. */
export interface ConfigDifference {
  kind: DifferenceKind;
  path: string;
  oldValue?: unknown;
  newValue?: unknown;
  importance: DifferenceImportance;
  area: ConfigArea;
}

/** A difference before its importance is decided: what the generic comparison reports. */
export type RawDifference = Omit<ConfigDifference, 'importance' | 'area'>;
