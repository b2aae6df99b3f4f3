import { describe, expect, it } from 'vitest';
import { applyControl } from '../../../migration/workflow/controls';
import { at, freshRecord, signal, start, wednesday10 } from './support/workflow-fixtures';

const due = at('2026-11-18T13:00:00Z');
const offer = (input: ReturnType<typeof signal>, snoozable = true) => {
  if (input.kind !== 'signal') throw new Error('not a signal');
  return applyControl(start, freshRecord(), input.signal, due, wednesday10, { snoozable });
};

describe('the controls every wait shares', () => {
  it('pauses: no next reminder shown, the due time kept for later', () => {
    const paused = offer(signal('pause', {}));
    expect(paused).toMatchObject({
      handled: true,
      due,
      record: { status: { paused: true, nextReminderAt: null } },
    });
  });

  it('resumes: the reminder shows again', () => {
    const resumed = offer(signal('resume', {}));
    expect(resumed).toMatchObject({
      record: { status: { paused: false, nextReminderAt: due.toISOString() } },
    });
  });

  it.each([
    ['within working hours', 60, '2026-11-18T10:00:00.000Z'],
    ['into the next morning', 600, '2026-11-19T07:00:00.000Z'],
    ['over the weekend', 3 * 1440, '2026-11-23T07:00:00.000Z'],
  ])('snoozes %s', (_name, minutes, until) => {
    const snoozed = offer(signal('snooze', { minutes }));
    expect(snoozed).toMatchObject({ handled: true, record: { status: { nextReminderAt: until } } });
    expect('due' in snoozed && snoozed.due?.toISOString()).toBe(until);
  });

  it('takes a snooze without moving anything where timers are not reminders', () => {
    expect(offer(signal('snooze', { minutes: 600 }), false)).toMatchObject({ handled: true, due });
  });

  it('ends on cancel, naming who cancelled', () => {
    expect(offer(signal('cancel', {}))).toEqual({ handled: true, cancelledBy: 'Alex Wilber' });
  });

  it('leaves everything else to the step', () => {
    expect(offer(signal('request-approval', {}))).toEqual({ handled: false });
  });
});
