import type { FactValue } from '../judgment';

/** One piece of evidence: pasted text or the content of an uploaded file (`name` is the file name when uploaded). */
export interface EvidenceItem {
  text: string;
  name?: string;
}

/** What a judgment may depend on besides the evidence: today's date and facts recorded by earlier checkpoints. */
export interface EvaluationContext {
  /** Today as YYYY-MM-DD; the evaluator never reads the clock. */
  today: string;
  /** Facts recorded by earlier checkpoints, e.g. the source-settings facts for the sign-in cross-check and the only-one-active rule. */
  recorded?: Record<string, FactValue>;
  /** The servers named at the start: each output is checked against the one its step runs on. */
  servers?: { old: string; new: string };
}
