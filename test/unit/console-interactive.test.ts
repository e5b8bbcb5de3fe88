// The interactive console on a terminal-like stream pair: lines typed while a command runs
// are run after it, in order; a channel post that arrives at the prompt is printed above
// it and the prompt (with what was typed so far) is drawn again.
import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { runConsole } from "../../adapters/console/console-adapter.ts";
import { ConsoleOutput } from "../../adapters/console/console-output.ts";
import type { Dispatcher, DispatchInput } from "../../src/core/commands/dispatcher.ts";
import { reply, text } from "../../src/core/view.ts";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const filesDir = mkdtempSync(path.join(os.tmpdir(), "sb-console-"));

/** A dispatcher whose commands finish only when the test releases them, recording what ran. */
function heldDispatcher() {
  const ran: string[] = [];
  const releases: (() => void)[] = [];
  const started: ((line: string) => void)[] = [];
  const dispatcher = {
    async dispatch(_invocation: unknown, input: DispatchInput) {
      const line = input.kind === "text" ? input.text : "(action)";
      ran.push(line);
      started.shift()?.(line);
      await new Promise<void>((resolve) => releases.push(resolve));
      return { requestId: "r", outcome: "ok" as const, reply: reply([text(`done: ${line}`)]) };
    },
  } as unknown as Dispatcher;
  return {
    dispatcher,
    ran,
    nextStart: () => new Promise<string>((resolve) => started.push(resolve)),
    release: () => releases.shift()!(),
  };
}

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = "";
  const waiters: { text: string; from: number; resolve: () => void }[] = [];
  output.on("data", (d) => {
    shown += String(d);
    for (const w of [...waiters]) {
      if (shown.indexOf(w.text, w.from) < 0) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    input,
    output,
    shown: () => shown,
    type: (keys: string) => input.write(keys),
    /** Resolves once `text` appears in the output after what has been shown so far. */
    until(text: string, from = 0) {
      return new Promise<void>((resolve) => (shown.indexOf(text, from) >= 0 ? resolve() : waiters.push({ text, from, resolve })));
    },
  };
}

describe("the interactive console", () => {
  it("runs a line typed while a slow command runs, after it and in order", async () => {
    const held = heldDispatcher();
    const term = terminal();
    const done = runConsole(held.dispatcher, { input: term.input, output: term.output, interactive: true, filesDir });
    await term.until("switchboard> ");
    const first = held.nextStart();
    term.type("numbers configure slow\r");
    await first;
    // Typed while the first command is still running.
    term.type("account info\r");
    term.type("billing balance\r");
    held.release();
    const second = await held.nextStart();
    expect(second).toBe("account info");
    held.release();
    expect(await held.nextStart()).toBe("billing balance");
    held.release();
    await term.until("done: billing balance");
    term.input.end();
    const summary = await done;
    expect(held.ran).toEqual(["numbers configure slow", "account info", "billing balance"]);
    expect(summary.commands).toBe(3);
    // Each queued line is shown again beside its prompt, before its output.
    const shown = term.shown();
    expect(shown.indexOf("switchboard> account info\n")).toBeLessThan(shown.indexOf("done: account info"));
  });

  it("prints a channel post above the prompt and draws the prompt again with the half-typed line", async () => {
    const held = heldDispatcher();
    const term = terminal();
    const posts = new ConsoleOutput(term.output);
    const done = runConsole(held.dispatcher, { input: term.input, output: term.output, interactive: true, filesDir, asyncOutput: posts });
    await term.until("switchboard> ");
    term.type("billing bal");
    await term.until("billing bal");
    const from = term.shown().length;
    posts.stream.write("\n── #console · console-1 ──\nBalance below €10\n──\n");
    await term.until("Balance below €10", from);
    await term.until("switchboard> billing bal", from);
    const after = term.shown().slice(from);
    expect(after.indexOf("switchboard> billing bal")).toBeGreaterThan(after.indexOf("Balance below €10"));
    // The half-typed line is still there: finishing it runs the whole command.
    const ran = held.nextStart();
    term.type("ance\r");
    expect(await ran).toBe("billing balance");
    held.release();
    term.input.end();
    await done;
  });
});
