/** Structured fields attached to a log line; never secrets, tokens or user-pasted evidence. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where bot/ writes its logs; the host decides where they go. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
