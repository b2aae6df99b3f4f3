import { readFileSync } from 'node:fs';

/** The synthetic text outputs in test/fixtures/synthetic/, by file name (see its README). */
export const syntheticFixtureNames = {
  entraConnectorCredential: 'get-adsyncentraconnectorcredential-synthetic.txt',
} as const;

/** The text of a synthetic fixture, header included, exactly as stored. */
export function syntheticFixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/synthetic/${name}`, import.meta.url), 'utf8');
}
