// Output that arrives between commands (channel posts delivered by the outbox). On a
// terminal it goes above the prompt, which is then drawn again; otherwise straight out.
import { Writable } from "node:stream";
import type { LineQueue } from "./line-queue.ts";

export class ConsoleOutput {
  private lines?: LineQueue;

  constructor(private readonly out: Writable) {}

  /** A stream for the app's console poster. */
  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, done) => {
      this.write(String(chunk));
      done();
    },
  });

  write(text: string): void {
    if (this.lines) this.lines.interrupt(text);
    else this.out.write(text);
  }

  attach(lines: LineQueue): void {
    this.lines = lines;
  }

  detach(): void {
    this.lines = undefined;
  }
}
