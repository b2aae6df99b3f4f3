import { renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './clock';

/** How long storage's file lags behind the engine's when the clock moves forward. */
const STORAGE_LAG_MS = 100;

/**
 * The wall clock moved by a whole number of seconds, shared with other processes through libfaketime
 * offset files (`FAKETIME_TIMESTAMP_FILE`), read afresh on every clock read: `file` for the engine
 * (the Durable host and its worker) and `storageFile` for Azurite. Time runs at its real speed;
 * `jumpTo` moves it forward, as the real Durable engine needs days to pass (see DURABLE-REAL.md,
 * "Making days pass"). Forward, the engine's file moves first and storage's a moment later:
 * storage makes a timer's message visible by its own clock, and the engine must never take a timer
 * due while it still reads the time before.
 */
export class ShiftedClock implements Clock {
  /** Azurite's offset file. */
  readonly storageFile: string;
  #offsetSeconds = 0;
  readonly #alarms = new Set<{ at: number; fire: () => void; timer?: NodeJS.Timeout }>();

  /** Starts at `start` (to the next whole second) and writes the offset file. */
  constructor(
    readonly file: string,
    start: Date,
  ) {
    this.storageFile = `${file}.storage`;
    this.#offsetSeconds = secondsUntil(start);
    this.#write(this.storageFile);
    this.#write(this.file);
  }

  now(): Date {
    return new Date(Date.now() + this.#offsetSeconds * 1000);
  }

  /** Moves the clock of every process sharing the files to `target` or up to a second after it. */
  async jumpTo(target: Date): Promise<void> {
    if (secondsUntil(target) > this.#offsetSeconds) await this.setTo(target);
  }

  /**
   * Sets the clock of every process sharing the file to `target` (to the next whole second), back
   * in time too. Only while the processes are idle: a step of a scenario happens at one instant of
   * its timeline, and the clock that ran on in real time during the last one goes back to it.
   */
  async setTo(target: Date): Promise<void> {
    const offset = secondsUntil(target);
    if (offset === this.#offsetSeconds) return;
    const forward = offset > this.#offsetSeconds;
    this.#offsetSeconds = offset;
    if (forward) {
      this.#write(this.file);
      await sleep(STORAGE_LAG_MS);
      this.#write(this.storageFile);
    } else {
      // Back: storage first, so that nothing it holds falls due in between.
      this.#write(this.storageFile);
      this.#write(this.file);
    }
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

  #write(file: string): void {
    // libfaketime reads the file while it runs: it must never see it half written.
    const temporary = `${file}.next`;
    writeFileSync(
      temporary,
      `${this.#offsetSeconds >= 0 ? '+' : ''}${String(this.#offsetSeconds)}\n`,
    );
    renameSync(temporary, file);
  }
}

/** Whole seconds from the wall clock's now to `target`, rounded up. */
function secondsUntil(target: Date): number {
  return Math.ceil((target.getTime() - Date.now()) / 1000);
}
