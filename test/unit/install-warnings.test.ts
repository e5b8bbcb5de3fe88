import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";

// `npm ci` is a newcomer's first command. npm warns (EBADENGINE) about any locked
// package whose engines exclude the running Node, and (install-scripts) about any
// package with install scripts that allowScripts does not cover. These read the same
// facts npm reads, from package.json and package-lock.json.

type LockEntry = { engines?: { node?: string }; hasInstallScript?: boolean; link?: boolean; resolved?: string };
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
  overrides?: Record<string, string>;
};
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };

function version(text: string): number[] {
  const parts = text.replace(/^v/, "").split(".").map((p) => (p === "x" || p === "" ? 0 : Number(p)));
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

// The subset of semver ranges found in engines fields: *, >=, >, ^, bare majors, ||.
function satisfies(node: string, range: string): boolean {
  const v = version(node);
  return range.split("||").some((alternative) => {
    const comparators = alternative.trim().replace(/(>=|>|\^)\s+/g, "$1").split(/\s+/).filter(Boolean);
    return comparators.every((c) => {
      if (c === "*") return true;
      if (c.startsWith(">=")) return compare(v, version(c.slice(2))) >= 0;
      if (c.startsWith(">")) return compare(v, version(c.slice(1))) > 0;
      const caret = c.startsWith("^");
      const floor = version(caret ? c.slice(1) : c);
      if (!caret && !c.includes(".")) return v[0] === floor[0];
      return v[0] === floor[0] && compare(v, floor) >= 0;
    });
  });
}

function packageName(path: string): string {
  return path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
}

describe("npm ci on the supported Node", () => {
  const oldest = pkg.engines.node.replace(/^>=\s*/, "");

  it("reads engine ranges the way npm does", () => {
    expect(satisfies("20.19.0", ">=22.0.0")).toBe(false);
    expect(satisfies("20.19.0", "^20.19.0 || >=22.12.0")).toBe(true);
    expect(satisfies("20.19.0", "^20.20 || >=22")).toBe(false);
    expect(satisfies("20.19.0", "18 || 20 || >=22")).toBe(true);
  });

  // None left: vega-lite is held at 6.4 (6.5 declares Node >= 22; 6.4 draws the same charts),
  // and Fastify's light-my-request (request injection, unused at run time) at 6.6, whose
  // cookie 1 supports Node 20 (6.8 moved to cookie 2, which declares Node >= 22).
  const REMAINING = new Set<string>();

  it("locks no package whose engines exclude the oldest or the running Node (no EBADENGINE warning)", () => {
    const refused = Object.entries(lock.packages)
      .filter(([path]) => !REMAINING.has(path))
      .filter(([, entry]) => entry.engines?.node)
      .filter(([, entry]) => !satisfies(oldest, entry.engines!.node!) || !satisfies(process.version, entry.engines!.node!))
      .map(([path, entry]) => `${path} (node ${entry.engines!.node})`);
    expect(refused).toEqual([]);
  });

  it("has a decision in allowScripts for every package with install scripts (no install-scripts warning)", () => {
    const undecided = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && entry.hasInstallScript)
      .map(([path]) => packageName(path))
      .filter((name) => pkg.allowScripts?.[name] === undefined);
    expect(undecided).toEqual([]);
  });

  it("holds vega-lite and light-my-request at the versions that support Node 20", () => {
    expect(lock.packages["node_modules/vega-lite"]?.engines?.node).toBe(">=20");
    expect(pkg.overrides?.["light-my-request"]).toBe("6.6.0");
  });

  it("replaces @prisma/streams-local (only `prisma dev` loads it; it needs Node 22) with the local placeholder", () => {
    expect(pkg.overrides?.["@prisma/streams-local"]).toBe("$@prisma/streams-local");
    expect(lock.packages["node_modules/@prisma/streams-local"]).toMatchObject({ link: true, resolved: "vendor/prisma-streams-local-unused" });
    expect(existsSync("vendor/prisma-streams-local-unused/package.json")).toBe(true);
  });
});
