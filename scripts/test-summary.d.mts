export declare function summarizeRun(report: unknown, exitCode: number, root: string): string[];
