import type { KnownPastedError } from './known-error';

export const alertsErrors: readonly KnownPastedError[] = [];
