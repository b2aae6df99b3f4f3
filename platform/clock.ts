/**
 * The app's clock. On Azure it is the wall clock. A host that runs the app on a clock of its own
 * installs it under this key on `globalThis` before the app handles anything: the local runtime
 * does, so that with LOCAL_TIME_SCALE (or the scenario runner's virtual clock) what the
 * conversation records and shows reads the same time as the orchestrations, not the wall clock.
 */
export const hostClockKey = Symbol.for('entra-connect-migration.host-clock');

/** Now, on the host's clock when it installed one. */
export function appNow(): Date {
  const host: unknown = Reflect.get(globalThis, hostClockKey);
  if (typeof host !== 'function') return new Date();
  const now: unknown = Reflect.apply(host, undefined, []);
  return now instanceof Date ? now : new Date();
}
