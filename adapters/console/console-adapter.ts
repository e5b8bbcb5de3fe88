// The console surface on a stream pair: piped input runs line by line and ends at EOF;
// a terminal gets a prompt, numbered choices and form prompts.
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { CommandRunner } from "../shared/chat-host.ts";
import { ConsoleSession } from "./console-session.ts";
import { LineQueue } from "./line-queue.ts";
import type { ConsoleOutput } from "./console-output.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  interactive: boolean;
  filesDir: string;
  /** Piped input: run every line even after one failed (the exit code ignores user errors). */
  keepGoing?: boolean;
  /** Where output that arrives between commands (channel posts) is written; redraws the prompt. */
  asyncOutput?: ConsoleOutput;
}

export interface ConsoleSummary {
  commands: number;
  /** Lines that failed: a user error (bad arguments, refused) or an internal error. */
  failed: number;
  errors: number;
  /** Piped lines not run because an earlier one failed. */
  skipped: number;
}

export async function runConsole(host: CommandRunner, options: ConsoleOptions): Promise<ConsoleSummary> {
  return options.interactive ? runInteractive(host, options) : runPiped(host, options);
}

/**
 * A script: each line runs in order. A failed line stops the script (later lines usually
 * depend on it) unless `keepGoing`; the caller turns `failed` into the exit code.
 */
async function runPiped(host: CommandRunner, options: ConsoleOptions): Promise<ConsoleSummary> {
  const write = (text: string) => void options.output.write(text);
  const rl = readline.createInterface({ input: options.input, terminal: false });
  const summary: ConsoleSummary = { commands: 0, failed: 0, errors: 0, skipped: 0 };
  const session = new ConsoleSession(host, { write }, options.filesDir);
  for await (const line of rl) {
    if (line.trim() === "") continue;
    if (summary.failed > 0 && !options.keepGoing) {
      summary.skipped++;
      continue;
    }
    write(`> ${line}\n`);
    summary.commands++;
    const outcome = await session.handleLine(line);
    if (outcome !== "ok") summary.failed++;
    if (outcome === "error") summary.errors++;
  }
  return summary;
}

/**
 * A terminal: every typed line is queued, so one typed while a slow command runs is run
 * after it, in order, instead of being lost. Form prompts take their answers from the
 * same queue.
 */
async function runInteractive(host: CommandRunner, options: ConsoleOptions): Promise<ConsoleSummary> {
  const { input, output } = options;
  const rl = readline.createInterface({ input, output, terminal: true });
  const lines = new LineQueue(rl, output);
  options.asyncOutput?.attach(lines);
  const write = (text: string) => void output.write(text);
  const summary: ConsoleSummary = { commands: 0, failed: 0, errors: 0, skipped: 0 };
  const session = new ConsoleSession(host, { write, ask: (question) => lines.next(question) }, options.filesDir);
  write("Switchboard console. Type `help` for commands, a number to pick a choice, `exit` to leave.\n");
  try {
    for (;;) {
      const line = await lines.next("switchboard> ");
      if (line === undefined || ["exit", "quit"].includes(line.trim())) break;
      summary.commands++;
      const outcome = await session.handleLine(line);
      if (outcome !== "ok") summary.failed++;
      if (outcome === "error") summary.errors++;
    }
  } finally {
    options.asyncOutput?.detach();
    rl.close();
  }
  return summary;
}
