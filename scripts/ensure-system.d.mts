export declare const CHROMIUM_PATH: string;
export declare const EMOJI_FONT_PACKAGE: string;
export declare const LIBFAKETIME_PACKAGE: string;
export declare const LIBFAKETIME_PATH: string;
export declare const PACKAGES: string[];
export declare const INSTALL_COMMAND: string;
export type SystemPlan =
  | { action: 'none' }
  | { action: 'install'; missing: string[]; prefix: string[] }
  | { action: 'stop'; missing: string[]; message: string };
export declare function planSystemPackages(machine: {
  chromium: boolean;
  emojiFont: boolean;
  libfaketime: boolean;
  runAs: 'root' | 'sudo' | 'none';
}): SystemPlan;
export declare function ensureSystemPackages(wanted?: readonly string[]): number;
