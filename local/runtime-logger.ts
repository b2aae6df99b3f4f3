/** Where the local runtime writes what it does. */
export interface RuntimeLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes to the console with a prefix. */
export const consoleLogger: RuntimeLogger = {
  info: (message) => {
    console.log(`[local] ${message}`);
  },
  warn: (message) => {
    console.warn(`[local] ${message}`);
  },
  error: (message) => {
    console.error(`[local] ${message}`);
  },
};

/** Keeps only errors: for tests, where passing runs should stay quiet. */
export const quietLogger: RuntimeLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message) => {
    console.error(`[local] ${message}`);
  },
};
