import type { KnownPastedError } from './known-error';

export const operatorErrors: readonly KnownPastedError[] = [];
