export declare function inLoopbackNamespace(
  command: string,
  args: readonly string[],
): { command: string; args: string[] } | undefined;
