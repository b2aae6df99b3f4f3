export declare const HOST_SOURCES: string;
export declare const REAL_DURABLE_HOME: string;
export declare const REAL_DURABLE_BUILD_COMMAND: string;
export declare class RealDurableBuildError extends Error {}
export declare function hostSourceHash(sources?: string): string;
export declare function realDurableHostPath(home?: string): string;
export declare function ensureRealDurableHost(options?: {
  home?: string;
  sources?: string;
  log?: (line: string) => void;
}): string;
