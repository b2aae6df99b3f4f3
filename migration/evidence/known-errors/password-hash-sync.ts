import type { KnownPastedError } from './known-error';

export const passwordHashSyncErrors: readonly KnownPastedError[] = [];
