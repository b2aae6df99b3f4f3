import type { LogFields, Logger } from '../../../bot/logger';

/** One line a collecting logger received. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields?: LogFields | undefined;
}

/** A logger that keeps its lines in memory so tests can read them. */
export class CollectingLogger implements Logger {
  readonly lines: LogLine[] = [];

  info(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'error', message, fields });
  }
}
