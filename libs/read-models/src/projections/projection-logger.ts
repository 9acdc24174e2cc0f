/** The slice of a logger the projection engine needs; NestJS's `Logger` fits it. */
export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, trace?: string): void;
}

export const consoleProjectionLogger: ProjectionLogger = {
  log: (message) => console.log(`[projections] ${message}`),
  warn: (message) => console.warn(`[projections] ${message}`),
  error: (message, trace) => console.error(`[projections] ${message}${trace ? `\n${trace}` : ''}`),
};

export const silentProjectionLogger: ProjectionLogger = { log: () => {}, warn: () => {}, error: () => {} };
