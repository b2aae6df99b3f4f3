export declare const APP_PACKAGE_DIR: string;
export declare const DEFAULT_APP_ZIP: string;
export declare const VERSIONS_FILE: string;
export declare const GUID: RegExp;
export declare class AppPackageError extends Error {}
export interface AzdEnvironment {
  name: string;
  file: string;
  values: Record<string, string>;
}
export declare function azdEnvironment(
  projectDir: string,
  env: Readonly<Record<string, string | undefined>>,
): AzdEnvironment | undefined;
export declare function settingOf(
  name: string,
  env: Readonly<Record<string, string | undefined>>,
  azd: AzdEnvironment | undefined,
): string | undefined;
export declare function teamsAppIdFor(botId: string): string;
export declare function parseVersion(version: string): number[] | undefined;
export declare function compareVersions(a: string, b: string): number;
export declare function chooseVersion(input: {
  base: string;
  fingerprint: string;
  previous?: { version: string; fingerprint: string } | undefined;
  published?: string | undefined;
  requested?: string | undefined;
}): string;
export interface BuiltAppPackage {
  out: string;
  zip: Buffer;
  manifest: { id: string; version: string; name: { short: string } } & Record<string, unknown>;
  teamsAppId: string;
  botId: string;
  version: string;
  changed: boolean;
  source: string;
  azd: AzdEnvironment | undefined;
}
export declare function buildAppPackage(options?: {
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
  out?: string | undefined;
  published?: string | undefined;
  appPackageDir?: string;
}): Promise<BuiltAppPackage>;
