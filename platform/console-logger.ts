type Fields = Readonly<Record<string, string | number | boolean | undefined>>;

/** A logger writing one JSON line per entry to the console, which the Functions host collects. */
export interface ConsoleLogger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Creates a console logger that tags every line with `source`. */
export function createConsoleLogger(source: string): ConsoleLogger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields?: Fields): void => {
      const line = JSON.stringify({ level, source, message, ...fields });
      if (level === 'error') {
        console.error(line);
      } else if (level === 'warn') {
        console.warn(line);
      } else {
        console.info(line);
      }
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
