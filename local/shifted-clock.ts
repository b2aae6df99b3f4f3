import { renameSync, writeFileSync } from 'node:fs';
import type { Clock } from './clock';

/**
 * The wall clock moved by a whole number of seconds, shared with other processes through a
 * libfaketime offset file (`FAKETIME_TIMESTAMP_FILE`): what this clock reads, every process started
 * with `faketimeEnvironment(file)` reads too. Time runs at its real speed; `jumpTo` moves it
 * forward, as the real Durable engine needs days to pass (see DURABLE-REAL.md, "Making days pass").
 */
export class ShiftedClock implements Clock {
  #offsetSeconds = 0;
  readonly #alarms = new Set<{ at: number; fire: () => void; timer?: NodeJS.Timeout }>();

  /** Starts at `start` (to the next whole second) and writes the offset file. */
  constructor(
    readonly file: string,
    start: Date,
  ) {
    this.#offsetSeconds = secondsUntil(start);
    this.#write();
  }

  now(): Date {
    return new Date(Date.now() + this.#offsetSeconds * 1000);
  }

  /** Moves the clock of every process sharing the file to `target` or up to a second after it. */
  jumpTo(target: Date): void {
    if (secondsUntil(target) > this.#offsetSeconds) this.setTo(target);
  }

  /**
   * Sets the clock of every process sharing the file to `target` (to the next whole second), back
   * in time too. Only while the processes are idle: a step of a scenario happens at one instant of
   * its timeline, and the clock that ran on in real time during the last one goes back to it.
   */
  setTo(target: Date): void {
    const offset = secondsUntil(target);
    if (offset === this.#offsetSeconds) return;
    this.#offsetSeconds = offset;
    this.#write();
    for (const alarm of this.#alarms) this.#arm(alarm);
  }

  setAlarm(at: Date, fire: () => void): () => void {
    const alarm: { at: number; fire: () => void; timer?: NodeJS.Timeout } = {
      at: at.getTime(),
      fire,
    };
    this.#alarms.add(alarm);
    this.#arm(alarm);
    return () => {
      clearTimeout(alarm.timer);
      this.#alarms.delete(alarm);
    };
  }

  dispose(): void {
    for (const alarm of this.#alarms) clearTimeout(alarm.timer);
    this.#alarms.clear();
  }

  #arm(alarm: { at: number; fire: () => void; timer?: NodeJS.Timeout }): void {
    clearTimeout(alarm.timer);
    const delay = Math.max(0, alarm.at - this.now().getTime());
    alarm.timer = setTimeout(
      () => {
        if (this.now().getTime() < alarm.at) {
          this.#arm(alarm);
          return;
        }
        this.#alarms.delete(alarm);
        alarm.fire();
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    alarm.timer.unref();
  }

  #write(): void {
    // libfaketime reads the file on every clock read: it must never see it half written.
    const temporary = `${this.file}.next`;
    writeFileSync(
      temporary,
      `${this.#offsetSeconds >= 0 ? '+' : ''}${String(this.#offsetSeconds)}\n`,
    );
    renameSync(temporary, this.file);
  }
}

/** Whole seconds from the wall clock's now to `target`, rounded up. */
function secondsUntil(target: Date): number {
  return Math.ceil((target.getTime() - Date.now()) / 1000);
}
