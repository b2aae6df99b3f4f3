export declare const BICEP_VERSION: string;
export declare const BICEP_HOME: string;

export declare const DEFAULT_TEMPLATE_OUT: string;
export declare const DEFAULT_MAIN: string;
export declare class BicepError extends Error {}
export declare function bicepPackageFor(
  platform: string,
  arch: string,
): { rid: string; executable: string };
export declare function bicepPath(home?: string): string;
export declare const DOTNET_INSTALL_COMMAND: string;
export declare const BICEP_INSTALL_COMMAND: string;
export declare function ensureBicep(options?: {
  home?: string;
  log?: (line: string) => void;
}): string;
export interface BicepDiagnostic {
  file: string;
  line: number;
  column: number;
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  message: string;
}
export declare function parseDiagnostics(text: string): BicepDiagnostic[];
export declare function formatDiagnostic(d: BicepDiagnostic, base?: string): string;
export declare function checkInfra(options?: {
  main?: string;
  out?: string;
  log?: (line: string) => void;
}): Promise<{
  ok: boolean;
  problems: string[];
  diagnostics: BicepDiagnostic[];
  template: unknown;
  out: string;
}>;
