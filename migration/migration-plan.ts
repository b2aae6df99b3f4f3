import { z } from 'zod';

/** ISO weekday numbers, Monday = 1 ... Sunday = 7. */
export const weekdaySchema = z.number().int().min(1).max(7);

const clockTime = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 08:00.');

/** Server names as admins type them: a NetBIOS name or an FQDN. */
const serverName = z
  .string()
  .trim()
  .min(1, 'Enter the server name.')
  .max(253, 'A server name has at most 253 characters.')
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'Use the host name or FQDN of the server (letters, digits, hyphens and dots).',
  );

/** A person who may approve the cutover: the Entra object id (or a local test id) and a display name. */
export const approverSchema = z.object({
  id: z.string().trim().min(1).max(128),
  name: z.string().trim().max(256).optional(),
});
export type Approver = z.infer<typeof approverSchema>;

/** When reminders may be sent: local clock times on the given weekdays in the owner's time zone. */
export const workingHoursSchema = z
  .object({
    start: clockTime,
    end: clockTime,
    days: z.array(weekdaySchema).min(1, 'Pick at least one working day.'),
  })
  .refine((hours) => minutesOf(hours.start) < minutesOf(hours.end), {
    message: 'Working hours must end after they start.',
    path: ['end'],
  });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

/** The facts a migration starts from (the start form). */
export const migrationPlanSchema = z
  .object({
    oldServer: serverName,
    newServer: serverName,
    approvers: z
      .array(approverSchema)
      .min(1, 'Name at least one approver for the cutover.')
      .max(20, 'At most 20 approvers.'),
    monitoringDays: z
      .number()
      .int()
      .min(1, 'Monitor for at least one day.')
      .max(30, 'Monitor for at most 30 days.'),
    timeZone: z.string().refine(isTimeZone, 'Use an IANA time zone such as Europe/Berlin.'),
    workingHours: workingHoursSchema,
  })
  .refine((plan) => plan.oldServer.toLowerCase() !== plan.newServer.toLowerCase(), {
    message: 'The new server must be a different server from the old one.',
    path: ['newServer'],
  });
export type MigrationPlan = z.infer<typeof migrationPlanSchema>;

/** A problem with one field of the start form, named so the form can show it. */
export interface PlanProblem {
  field: string;
  message: string;
}

export type PlanParseResult =
  { ok: true; plan: MigrationPlan } | { ok: false; problems: PlanProblem[] };

/** Validates the start form's facts; problems name the field and say what to change. */
export function parseMigrationPlan(input: unknown): PlanParseResult {
  const parsed = migrationPlanSchema.safeParse(input);
  if (parsed.success) return { ok: true, plan: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'form',
      message: issue.message,
    })),
  };
}

/** Minutes after midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** True for a time zone Intl knows (an IANA name such as Europe/Berlin, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    // Intl throws a RangeError for unknown zones: that is the answer.
    return false;
  }
}
