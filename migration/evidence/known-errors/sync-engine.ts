import type { KnownPastedError } from './known-error';

export const syncEngineErrors: readonly KnownPastedError[] = [];
