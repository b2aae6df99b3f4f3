import { z } from 'zod';
import { migrationSignalSchema } from '../../migration/migration-signals';
import { checkpointIdSchema } from '../../migration/runbook';

// A phase that has taken enough inputs continues as new when its next wait ends, so its history
// stays as short as one step's worth however long it waits and however often evidence comes. What
// the step needs to go on travels in the new execution's input: its rules' state, the deadline of
// the wait and the input that ended it. The status and journal travel beside it, as between phases.

/**
 * The step a phase execution hands the next one: a wire contract like the journal (running
 * instances carry it), so a new field of a rules' state must be optional.
 */
export const carriedStepSchema = z.object({
  checkpoint: checkpointIdSchema,
  /** The rules' state, with its Dates tagged (`encodeStepState`). */
  state: z.unknown(),
  /** The wait's deadline as an ISO time, or null for a wait without one. */
  until: z.string().nullable(),
  /** What ended the wait, for the next execution to take first: a signal, or the deadline. */
  input: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('signal'), signal: migrationSignalSchema }),
    z.object({ kind: z.literal('time') }),
  ]),
});
export type CarriedStep = z.infer<typeof carriedStepSchema>;

/** How a Date is written: the rules' states compare deadlines as Dates, which JSON has not. */
const dateTag = '$date';

/** The state as JSON: every Date becomes `{ "$date": iso }`; undefined fields are left out. */
export function encodeStepState(value: unknown): unknown {
  if (value instanceof Date) return { [dateTag]: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeStepState);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([key, field]) => [key, encodeStepState(field)]),
    );
  }
  return value;
}

/** The state `encodeStepState` wrote, with its Dates back. */
export function decodeStepState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeStepState);
  if (typeof value === 'object' && value !== null) {
    const tagged = (value as Record<string, unknown>)[dateTag];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return new Date(tagged);
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, decodeStepState(field)]),
    );
  }
  return value;
}
