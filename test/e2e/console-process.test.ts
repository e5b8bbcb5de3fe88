// `printf 'help\n' | npm run console`, as an operator would run it.
import { describe, expect, it } from "vitest";
import { collect, spawnEntry, tempDataDir } from "../helpers/spawn.ts";

// Each test spawns a process that boots the embedded database: on a busy machine that can
// take far longer than the default timeout, which is only a backstop here.
describe("npm run console", { timeout: 120_000 }, () => {
  it("prints the command list for piped help and exits 0 at the end of input", async () => {
    const result = await collect(spawnEntry("adapters/console/console.main.ts", { DATA_DIR: tempDataDir() }, "help\n"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("== Switchboard commands ==");
    expect(result.stdout).toMatch(/help\s+List the commands/);
  });

  it("answers an unknown command with a clear error and the closest names", async () => {
    const result = await collect(spawnEntry("adapters/console/console.main.ts", { DATA_DIR: tempDataDir() }, "hepl\nhelp\n"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Unknown command "hepl"');
    expect(result.stdout).toContain("Did you mean: help");
    // The next command still runs: one bad line does not end the script.
    expect(result.stdout).toContain("== Switchboard commands ==");
  });

  it("refuses a bad configuration naming the variable", async () => {
    const result = await collect(spawnEntry("adapters/console/console.main.ts", { DATA_DIR: tempDataDir(), PORT: "abc" }, "help\n"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PORT is invalid");
  });
});
