import type { KnownPastedError } from './known-error';

export const diagnosticsErrors: readonly KnownPastedError[] = [];
