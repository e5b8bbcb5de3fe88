// Channel posts in the console: the text, and a post's files (an alert's chart) written to
// the files folder with their path printed, as console replies do. An edit prints text only.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConsolePoster } from "../../adapters/console/console-poster.ts";
import { text } from "../../src/core/view.ts";

const dir = mkdtempSync(path.join(tmpdir(), "console-poster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ConsolePoster", () => {
  it("writes a post's chart to the files folder and prints where", async () => {
    const out: string[] = [];
    const poster = new ConsolePoster((t) => out.push(t), dir);
    const chart = { name: "balance-abcd1234-2026-01-15.png", mimeType: "image/png", content: Buffer.from("png bytes"), image: { width: 800, height: 400, alt: "Balance" } };
    const { ref } = await poster.post("console:local:console", { blocks: [text("Low balance")] }, undefined, "out_1", false, [chart]);
    const target = path.join(dir, chart.name);
    expect(out.at(-1)).toContain("Low balance");
    expect(out.at(-1)).toContain(`File written: ${target}`);
    expect(readFileSync(target).toString()).toBe("png bytes");

    await poster.post("console:local:console", { blocks: [text("Resolved")] }, ref, "out_2", false, [chart]);
    expect(out.at(-1)).toContain("update to console-1");
    expect(out.at(-1)).not.toContain("File written");
  });
});
