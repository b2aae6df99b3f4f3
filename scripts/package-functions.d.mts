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
export declare const INSTALLED_PACKAGES: readonly string[];
export declare function sourceMapPathOf(zipPath: string): string;
export declare function packageManifest(
  manifest: Record<string, unknown>,
  names?: readonly string[],
): Record<string, unknown>;
export interface Lockfile {
  packages?: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}
export declare function lockfileFor(
  lock: Lockfile,
  names: readonly string[],
): Lockfile & {
  packages: Record<string, Record<string, unknown>>;
};
export declare function packageFunctions(
  zipPath?: string,
  root?: string,
  options?: { typeCheck?: boolean },
): { zip: string; files: string[]; sourceMap: string };
export declare function packageDependencies(
  names: readonly string[],
  zipPath: string,
  root?: string,
): { zip: string; files: string[] };
