// Where the process's logs go: standard output, written without ever blocking the event
// loop. pino's default destination writes synchronously and, once the reader of a piped
// stdout is gone, retries the failed write forever (sonic-boom sleeps and retries on any
// error in flushSync), so SIGTERM handlers and even the exit timer never ran. Here a pipe
// or socket is written through Node's own asynchronous stream; what a slow reader cannot
// take beyond a bound is dropped and counted, and a dead reader (EPIPE) ends logging
// quietly instead of throwing.
import type { Writable } from "node:stream";

export interface LogDestination {
  write(line: string): void;
  /** Lines written, lines dropped (a slow or dead reader), and whether the reader is gone. */
  stats(): { written: number; dropped: number; dead: boolean };
  /** Resolves when queued lines are out, or after `withinMs` whatever remains. */
  drain(withinMs: number): Promise<void>;
}

export interface LogDestinationOptions {
  /** Bytes the stream may hold for a slow reader before new lines are dropped. */
  maxQueuedBytes?: number;
}

export function createLogDestination(stream: Writable, options: LogDestinationOptions = {}): LogDestination {
  const maxQueued = options.maxQueuedBytes ?? 4 * 1024 * 1024;
  let written = 0;
  let dropped = 0;
  let reportedDrops = 0;
  let dead = false;
  // Without a listener an EPIPE on process.stdout is thrown as an uncaught exception.
  stream.on("error", () => {
    dead = true;
  });

  function push(line: string) {
    stream.write(line);
    written += 1;
  }

  return {
    write(line) {
      if (dead || stream.destroyed || stream.writableLength > maxQueued) {
        dropped += 1;
        return;
      }
      if (dropped > reportedDrops) {
        // Say once, when the reader catches up, how much it missed.
        push(JSON.stringify({ level: 40, time: Date.now(), msg: "log lines dropped: the log reader was too slow", dropped: dropped - reportedDrops }) + "\n");
        reportedDrops = dropped;
      }
      push(line);
    },
    stats: () => ({ written, dropped, dead }),
    drain(withinMs) {
      if (dead || stream.writableLength === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, withinMs);
        timer.unref();
        stream.once("drain", done);
        function done() {
          clearTimeout(timer);
          stream.off("drain", done);
          resolve();
        }
      });
    },
  };
}
