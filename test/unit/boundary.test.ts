// The core knows nothing of chat platforms or Vonage: those live in adapters/.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const FORBIDDEN = [/^@slack\//, /^discord\.js$/, /^@discordjs\//, /^@vonage\//, /(^|\/)adapters(\/|$)/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|mts|js)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
}

describe("import boundary", () => {
  const files = sourceFiles("src");

  it("finds the core's files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("keeps src/ free of Slack, Discord, Vonage and adapters", () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => FORBIDDEN.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it("would catch an offending import", () => {
    const fake = `import { App } from "@slack/bolt";\nimport x from "../../adapters/slack/app.ts";`;
    const found = [...fake.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!).filter((s) => FORBIDDEN.some((p) => p.test(s)));
    expect(found).toEqual(["@slack/bolt", "../../adapters/slack/app.ts"]);
  });
});

// Chat adapters run on the narrow host (adapters/shared/chat-host.ts): only the composition
// root sees the core's services, its registry and its action store.
const COMPOSITION_ROOT = ["adapters/app.ts", "adapters/main.ts", "adapters/console/console.main.ts"];
const CORE_INTERNALS = ["src/services.ts", "src/core/commands/registry.ts", "src/platform/action-store.ts"];

function internalImports(file: string): string[] {
  return importsOf(file)
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => path.relative(".", path.resolve(path.dirname(file), specifier)))
    .filter((target) => CORE_INTERNALS.includes(target));
}

describe("adapter boundary", () => {
  const files = sourceFiles("adapters");

  it("finds the adapters' files, the composition root among them", () => {
    expect(files).toEqual(expect.arrayContaining(COMPOSITION_ROOT));
  });

  it("lets only the composition root import the core's services, registry and action store", () => {
    const offenders = files
      .filter((file) => !COMPOSITION_ROOT.includes(file))
      .flatMap((file) => internalImports(file).map((target) => `${file} imports ${target}`));
    expect(offenders).toEqual([]);
  });

  it("would catch an adapter importing the services", () => {
    expect(COMPOSITION_ROOT.flatMap(internalImports)).toContain("src/services.ts");
  });
});
