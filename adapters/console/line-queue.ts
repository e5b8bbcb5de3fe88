// Lines typed at the terminal, in order. readline emits a line whenever Enter is pressed,
// also while a command is still running; those lines wait here until the console asks.
import readline from "node:readline";
import type { Writable } from "node:stream";

export class LineQueue {
  private readonly queued: string[] = [];
  private waiting?: (line: string | undefined) => void;
  private closed = false;

  constructor(
    private readonly rl: readline.Interface,
    private readonly output: Writable,
  ) {
    rl.on("line", (line) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(line);
      else this.queued.push(line);
    });
    rl.on("close", () => {
      this.closed = true;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.(undefined);
    });
  }

  /** The next line, asking with `prompt` when none was typed ahead; undefined at the end of input. */
  next(prompt: string): Promise<string | undefined> {
    const ahead = this.queued.shift();
    if (ahead !== undefined) {
      // Typed during the last command, where its echo got mixed into that output: show
      // it again beside its prompt, so the transcript reads in order.
      this.output.write(`${prompt}${ahead}\n`);
      return Promise.resolve(ahead);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    });
  }

  /** Whether the prompt is on screen, waiting for the operator. */
  get prompting(): boolean {
    return this.waiting !== undefined;
  }

  /** Writes output that arrived on its own (a channel post) above the prompt, then redraws it with what was typed so far. */
  interrupt(text: string): void {
    if (!this.prompting) {
      this.output.write(text);
      return;
    }
    readline.clearLine(this.output, 0);
    readline.cursorTo(this.output, 0);
    this.output.write(text.startsWith("\n") ? text.slice(1) : text);
    this.rl.prompt(true);
  }
}
