// The console surface on a stream pair: piped input runs line by line and ends at EOF;
// a terminal gets a prompt, numbered choices and form prompts.
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Dispatcher } from "../../src/core/commands/dispatcher.ts";
import { ConsoleSession } from "./console-session.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  interactive: boolean;
  filesDir: string;
}

export interface ConsoleSummary {
  commands: number;
  errors: number;
}

export async function runConsole(dispatcher: Dispatcher, options: ConsoleOptions): Promise<ConsoleSummary> {
  const { input, output, interactive } = options;
  const write = (text: string) => void output.write(text);
  const rl = readline.createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const summary: ConsoleSummary = { commands: 0, errors: 0 };

  if (!interactive) {
    const session = new ConsoleSession(dispatcher, { write }, options.filesDir);
    for await (const line of rl) {
      if (line.trim() === "") continue;
      write(`> ${line}\n`);
      summary.commands++;
      if ((await session.handleLine(line)) === "error") summary.errors++;
    }
    return summary;
  }

  let closed = false;
  rl.on("close", () => (closed = true));
  const ask = (question: string) =>
    new Promise<string | undefined>((resolve) => {
      if (closed) return resolve(undefined);
      const onClose = () => resolve(undefined);
      rl.once("close", onClose);
      rl.question(question, (answer) => {
        rl.off("close", onClose);
        resolve(answer);
      });
    });
  const session = new ConsoleSession(dispatcher, { write, ask }, options.filesDir);
  write("Switchboard console. Type `help` for commands, a number to pick a choice, `exit` to leave.\n");
  for (;;) {
    const line = await ask("switchboard> ");
    if (line === undefined || ["exit", "quit"].includes(line.trim())) break;
    summary.commands++;
    if ((await session.handleLine(line)) === "error") summary.errors++;
  }
  rl.close();
  return summary;
}
