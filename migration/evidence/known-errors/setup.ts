import type { KnownPastedError } from './known-error';

export const setupErrors: readonly KnownPastedError[] = [];
