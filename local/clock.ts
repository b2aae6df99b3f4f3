/** Time as the local durable runtime sees it: durable timers fire against this clock. */
export interface Clock {
  now(): Date;
  /** Calls `fire` once when the clock reaches `at` (at once if it already has). Returns a cancel function. */
  setAlarm(at: Date, fire: () => void): () => void;
  /** Stops delivering alarms. */
  dispose(): void;
}

interface Alarm {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * A clock that only moves when a test says so. `advanceTo` fires due alarms in time order and lets the
 * caller settle the work each one causes before the next fires.
 */
export class VirtualClock implements Clock {
  #now: number;
  #alarms: Alarm[] = [];
  #seq = 0;

  constructor(start: Date = new Date('2026-10-05T08:00:00.000Z')) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setAlarm(at: Date, fire: () => void): () => void {
    if (at.getTime() <= this.#now) {
      // Already due (a timer armed late, e.g. after a restart): fires at once, as the interface says.
      let cancelled = false;
      setImmediate(() => {
        if (!cancelled) fire();
      });
      return () => {
        cancelled = true;
      };
    }
    const alarm: Alarm = { at: at.getTime(), seq: this.#seq++, fire };
    this.#alarms.push(alarm);
    return () => {
      this.#alarms = this.#alarms.filter((a) => a !== alarm);
    };
  }

  /** The time of the earliest alarm, if any. */
  nextAlarmAt(): Date | undefined {
    const next = this.#earliest();
    return next === undefined ? undefined : new Date(next.at);
  }

  /**
   * Moves to `target`, firing every alarm due on the way in order. `settle` runs after each firing so
   * that work an alarm starts (and alarms that work sets) is done before time moves on.
   */
  async advanceTo(target: Date, settle: () => Promise<void>): Promise<void> {
    const end = target.getTime();
    if (end < this.#now) {
      throw new Error('The virtual clock cannot go backwards.');
    }
    await settle();
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.at > end) {
        break;
      }
      this.#now = Math.max(this.#now, next.at);
      this.#alarms = this.#alarms.filter((a) => a !== next);
      next.fire();
      await settle();
    }
    this.#now = end;
  }

  dispose(): void {
    this.#alarms = [];
  }

  #earliest(): Alarm | undefined {
    let best: Alarm | undefined;
    for (const alarm of this.#alarms) {
      if (
        best === undefined ||
        alarm.at < best.at ||
        (alarm.at === best.at && alarm.seq < best.seq)
      ) {
        best = alarm;
      }
    }
    return best;
  }
}

/**
 * Wall-clock time, optionally sped up: with scale 1440 a day passes in a minute, so a 7-day
 * monitoring period can be watched in a few minutes. Scaled time starts at the real time of
 * creation, or at `from` when that is later (a restart goes on from where a sped-up run got to).
 */
export class RealClock implements Clock {
  readonly #scale: number;
  readonly #realStart = Date.now();
  readonly #start: number;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(scale = 1, from?: Date) {
    if (!(scale > 0) || !Number.isFinite(scale)) {
      throw new Error(`The time scale must be a positive number, got ${String(scale)}.`);
    }
    this.#scale = scale;
    this.#start = Math.max(this.#realStart, from?.getTime() ?? this.#realStart);
  }

  /** How fast this clock runs: 1 is real time. */
  get scale(): number {
    return this.#scale;
  }

  now(): Date {
    return new Date(this.#start + (Date.now() - this.#realStart) * this.#scale);
  }

  setAlarm(at: Date, fire: () => void): () => void {
    // setTimeout overflows past 2^31-1 ms, so long waits are re-armed in steps.
    const maxDelay = 2 ** 31 - 1;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const delay = Math.max(0, (at.getTime() - this.now().getTime()) / this.#scale);
      timer = setTimeout(
        () => {
          if (timer !== undefined) this.#timers.delete(timer);
          if (this.now().getTime() >= at.getTime()) fire();
          else arm();
        },
        Math.min(maxDelay, Math.ceil(delay)),
      );
      timer.unref();
      this.#timers.add(timer);
    };
    arm();
    return () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        this.#timers.delete(timer);
      }
    };
  }

  dispose(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
