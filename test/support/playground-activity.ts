import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const fixtureFile = z.object({ activity: z.record(z.string(), z.unknown()) });

/** A Playground activity fixture with its serviceUrl pointed at a loopback connector. */
export function loadPlaygroundActivity(
  name: string,
  serviceUrl: string,
  changes: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const path = join(__dirname, '..', 'fixtures', 'playground-activities', name);
  const { activity } = fixtureFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  return { ...activity, serviceUrl, ...changes };
}
