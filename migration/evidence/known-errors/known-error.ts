import type { CheckpointId } from '../../runbook';

/**
 * The best a checkpoint can be while the error stands: `fail` when something is broken, `unknown`
 * when the error only means nothing was run (a cycle was busy, the module was not loaded, the
 * operator lacked a right).
 */
export type PastedErrorVerdict = 'fail' | 'unknown';

/**
 * Where the text of a known error comes from, which is also the evidence kind a paste holding it
 * is identified as (identify-evidence.ts).
 */
export type ErrorOrigin =
  /** A Windows event log entry (ADSync, Directory Synchronization, PasswordResetService, Service Control Manager, ...). */
  | 'event'
  /** The installation or configuration wizard: its error dialogs and its trace-*.log lines. */
  | 'wizard'
  /** Windows Installer: an MSI failure, its code, or lines of its log. */
  | 'installer'
  /** A Microsoft Entra Connect Health or admin center alert. */
  | 'alert'
  /** The operator's own rights: nothing ran. */
  | 'permission'
  /** A PowerShell command's error, or a result it printed. */
  | 'command'
  /**
   * The output of a command a fix asked for (nltest, Test-NetConnection, Get-Service) showing the
   * fault: the output's own kind names the paste.
   */
  | 'output';

/** Events that are this error: any of the ids, logged by any of the sources (compared without case). */
export interface KnownEvent {
  sources: readonly string[];
  ids: readonly number[];
}

/** One error the evaluator knows: how it looks when pasted, what causes it and the exact fix. */
export interface KnownPastedError {
  /** Stable id, shown in findings and tests; never renamed (findings keep it). */
  id: string;
  title: string;
  origin: ErrorOrigin;
  /** An event log entry read from the paste with one of these sources and ids is this error. */
  events?: readonly KnownEvent[];
  /** Any of these found in the paste means the error is there. */
  patterns: readonly RegExp[];
  verdict: PastedErrorVerdict;
  /**
   * The steps this error decides: there the step gets `verdict`. At any other step the error is
   * still reported with its cause and fix, and the step stays undecided: an error never passes.
   */
  checkpoints: 'any' | readonly CheckpointId[];
  cause: string;
  fix: string;
  /** The Microsoft Learn page the cause and fix come from. */
  learn: string;
  /** More general errors this one explains: they are not reported beside it. */
  explains?: readonly string[];
  /** A catch-all: reported only when no other known error explains the paste. */
  catchAll?: true;
}

/** Words of a message that PowerShell or the event log may wrap onto the next line anywhere. */
export function phrase(words: string, flags = 'i'): RegExp {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.split(' ').join('\\s+'), flags);
}

export const learnBase = 'https://learn.microsoft.com/entra/identity/hybrid';
export const troubleshootBase =
  'https://learn.microsoft.com/troubleshoot/entra/entra-id/user-prov-sync';
