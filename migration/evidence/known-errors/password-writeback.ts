import type { KnownPastedError } from './known-error';

export const passwordWritebackErrors: readonly KnownPastedError[] = [];
