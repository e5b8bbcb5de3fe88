// `printf 'help\n' | npm run console`, as an operator would run it.
import { describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { collect, spawnEntry, tempDataDir } from "../helpers/spawn.ts";
import { conversation } from "../helpers/console-conversation.ts";

const CONSOLE = "adapters/console/console.main.ts";

// spawnEntry kills every child when its test ends, whatever the outcome.
function start(env: Record<string, string>, stdin?: string, args: string[] = []): ChildProcess {
  return spawnEntry(CONSOLE, { DATA_DIR: tempDataDir(), PORT: "0", ...env }, stdin, args);
}

// Each test starts a process with its own embedded database: minutes on a loaded machine.
describe("npm run console", { timeout: 300_000 }, () => {
  it("prints the command list for piped help and exits 0 at the end of input", async () => {
    const result = await collect(start({}, "help\n"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("== Switchboard commands ==");
    expect(result.stdout).toMatch(/help\s+List the commands/);
  });

  it("stops a piped script at the first failed line and exits 1, saying what was not run", async () => {
    const result = await collect(start({}, "hepl\nhelp\nhelp numbers\n"));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Unknown command "hepl"');
    expect(result.stdout).toContain("Did you mean: help");
    expect(result.stdout).not.toContain("== Switchboard commands ==");
    expect(result.stderr).toContain("the remaining 2 line(s) were not run. Use --keep-going to run every line.");
  });

  it("runs every line with --keep-going and exits 0, as before", async () => {
    const result = await collect(start({}, "hepl\nhelp\n", ["--keep-going"]));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Unknown command "hepl"');
    // The next command still runs: one bad line does not end the script.
    expect(result.stdout).toContain("== Switchboard commands ==");
  });

  it("refuses a bad configuration naming the variable", async () => {
    const result = await collect(start({ PORT: "abc" }, "help\n"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PORT is invalid");
  });

  it("says in one sentence that it cannot make its data folder, and exits 1 at once", async () => {
    // Node's recursive mkdir never returns under /proc: this start used to spin at full CPU.
    const result = await collect(start({ DATA_DIR: "/proc/switchboard-nowhere" }, "help\n"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Switchboard could not start: Could not create the folder /proc/switchboard-nowhere");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("serves the payment page its `billing methods add` link points at", async () => {
    const child = start({ SWITCHBOARD_DEV_MODE: "true" });
    const console = conversation(child);
    await console.send('account signup company:"Link Co" contact:Lin email:lin@link.example phone:+447700900871', /We sent a PIN/);
    const [, pin] = await console.send("sandbox inbox", /PIN is (\d{4})/);
    await console.send(`account verify ${pin}`, /Balance/);
    const [link] = await console.send("billing methods add", /http:\/\/localhost:\d+\/billing\/pay\?token=\S+/);
    expect(link).not.toContain("localhost:0/");
    const page = await fetch(link.replace("localhost", "127.0.0.1"));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Link Co");
    child.stdin!.end();
    expect((await collect(child)).code).toBe(0);
  });
});
