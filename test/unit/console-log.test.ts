// Where the console's logs go: a terminal session keeps them out of the conversation.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { consoleLogger } from "../../adapters/console/console-log.ts";

function sink() {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) };
}

describe("console logs", () => {
  it("on a terminal: every line to a file in DATA_DIR, only warnings and errors to stderr", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "sb-log-"));
    const stderr = sink();
    const { log, file } = consoleLogger({ interactive: true, dataDir, level: "info", stderr: stderr.stream });
    log.info("outbox delivered 1 post");
    log.warn("Slack answered 429");
    log.debug("not at this level");
    expect(file).toBe(path.join(dataDir, "console.log"));
    const written = readFileSync(file!, "utf8");
    expect(written).toContain("outbox delivered 1 post");
    expect(written).toContain("Slack answered 429");
    expect(written).not.toContain("not at this level");
    expect(stderr.lines.join("")).toContain("Slack answered 429");
    expect(stderr.lines.join("")).not.toContain("outbox delivered");
  });

  it("piped: to stderr at the level asked, no file", () => {
    const stderr = sink();
    const { log, file } = consoleLogger({ interactive: false, dataDir: "/nonexistent", level: "warn", stderr: stderr.stream });
    log.info("quiet");
    log.error("loud");
    expect(file).toBeUndefined();
    expect(stderr.lines.join("")).toContain("loud");
    expect(stderr.lines.join("")).not.toContain("quiet");
  });
});
