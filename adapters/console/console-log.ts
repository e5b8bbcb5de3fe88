// Where the console's logs go. Piped (a script), stderr carries them, as for any tool. On
// a terminal, log lines would land in the middle of the conversation and the prompt: they
// go to a file in DATA_DIR, and only warnings and errors also to stderr.
import path from "node:path";
import pino from "pino";
import type { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/platform/logger.ts";

export interface ConsoleLogOptions {
  interactive: boolean;
  dataDir: string;
  /** LOG_LEVEL for the file (interactive) or stderr (piped). */
  level: string;
  stderr: Writable;
}

export const CONSOLE_LOG_FILE = "console.log";

export function consoleLogger(options: ConsoleLogOptions): { log: Logger; file?: string } {
  if (!options.interactive) return { log: createLogger(options.level, options.stderr) };
  const file = path.join(options.dataDir, CONSOLE_LOG_FILE);
  const streams = pino.multistream([
    { level: options.level as pino.Level, stream: pino.destination({ dest: file, mkdir: true, sync: true }) },
    { level: "warn", stream: options.stderr },
  ]);
  // The logger passes everything either stream wants; each stream filters by its own level.
  const lowest = pino.levels.values[options.level]! <= pino.levels.values.warn! ? options.level : "warn";
  return { log: createLogger(lowest, streams), file };
}
