import type { EvidenceKind } from '../../../../migration/runbook';

/** One real published text of the catalogue, and what the evaluator must make of it. */
export interface CatalogueRow {
  /** The fixture's file name in test/fixtures/real/. */
  fixture: string;
  /** The fixture's section, `# (A)`, `# (B)`, ...; the whole file when absent. */
  letter?: string;
  /** The known errors recognised in it, exactly (the ones a more specific error explains left out). */
  ids: readonly string[];
  /** What identify names it, without being told the step. */
  kind: EvidenceKind;
  /** Words the causes, fixes or excerpts must say (the fix's key command, the cause's key fact). */
  says: readonly string[];
}

/**
 * Known errors no real published text was found for: the reason, saying where it was looked for.
 * Their rows are the error's own words typed into `typedRows`, never presented as captured output.
 */
export type WithoutPublishedSample = Readonly<Record<string, string>>;

/** A typed line of an error without a published sample, and the ids it must be recognised as. */
export interface TypedRow {
  text: string;
  ids: readonly string[];
}
