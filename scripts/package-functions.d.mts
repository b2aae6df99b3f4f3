export declare const DEFAULT_ZIP: string;
export interface IgnoreRule {
  line: string;
  folderOnly: boolean;
  anchored: boolean;
  regex: RegExp;
}
export declare function parseIgnoreRules(text: string): IgnoreRule[];
export declare function ignoredBy(rules: readonly IgnoreRule[], file: string): string | undefined;
export declare function readFuncignore(root?: string): IgnoreRule[];
export declare function productionManifest(
  manifest: Record<string, unknown>,
): Record<string, unknown>;
export interface Lockfile {
  packages?: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}
export declare function productionLockfile(lock: Lockfile): Lockfile & {
  packages: Record<string, Record<string, unknown>>;
};
export declare function packageFunctions(
  zipPath?: string,
  root?: string,
): { zip: string; files: string[] };
