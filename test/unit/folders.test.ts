// makeFolder: the data folder and the console's files folder, made one level at a time so
// a path Node's recursive mkdir would spin on fails at once with a sentence.
import { describe, expect, it } from "vitest";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeFolder } from "../../src/platform/folders.ts";

const temp = () => mkdtempSync(path.join(tmpdir(), "sb-folders-"));

describe("makeFolder", () => {
  it("makes the missing parents too, with the mode asked for, and leaves an existing folder as it is", () => {
    const root = temp();
    const data = path.join(root, "a", "b", "data");
    makeFolder(data, 0o700);
    for (const made of [path.join(root, "a"), path.join(root, "a", "b"), data]) expect(statSync(made).mode & 0o777, made).toBe(0o700);
    makeFolder(data, 0o755);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });

  it("names the folder it could not make and why: a file in the way, a path under /proc", () => {
    const root = temp();
    writeFileSync(path.join(root, "file"), "");
    expect(() => makeFolder(path.join(root, "file", "data"))).toThrow(`Could not create the folder ${path.join(root, "file")} (for ${path.join(root, "file", "data")}): a file of that name is in the way`);
    expect(() => makeFolder("/proc/switchboard-nowhere/data")).toThrow("Could not create the folder /proc/switchboard-nowhere (for /proc/switchboard-nowhere/data): ENOENT");
  });
});
