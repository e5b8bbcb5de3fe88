// The compiled build `npm start` and `npm run console` run (scripts/build.mjs): what its
// start path loads, and when it counts as stale.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, ENTRY_POINTS, ensureBuilt, packagesOf, staleness, staticPackages } from "../../scripts/build.mjs";

const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

// Each is half a second or more to import on this machine, and needed only by some commands
// or configurations: Slack, Discord, a linked Vonage account, PostgreSQL, charts, exports, invoices.
const LOADED_ON_DEMAND = [/^@vonage\//, /^@slack\//, /^discord\.js$/, /^pg$/, /^@prisma\/adapter-pg$/, /^vega/, /^@resvg\//, /^exceljs$/, /^pdfkit$/];

describe("the compiled start path", () => {
  it("loads none of the packages only some commands or configurations use", { timeout: 120_000 }, async () => {
    const outDir = tempDir("sb-build-");
    const { metafile } = await build({ outDir });
    for (const name of ["main", "console"] as const) {
      const loaded = staticPackages(metafile, ENTRY_POINTS[name]);
      // Recorded for scripts/run.mjs, which loads them before turning source maps on.
      expect(packagesOf(name, { outDir }), name).toEqual(loaded);
      // The start path does load the database, the HTTP server and the logger.
      expect(loaded).toEqual(expect.arrayContaining(["@electric-sql/pglite", "fastify", "pino"]));
      expect(loaded.filter((p) => LOADED_ON_DEMAND.some((heavy) => heavy.test(p)))).toEqual([]);
    }
    // ...while the build still uses them, in chunks loaded on demand.
    const everywhere = new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    for (const name of ["@vonage/accounts", "@slack/bolt", "discord.js", "pg", "@prisma/adapter-pg", "vega", "exceljs", "pdfkit"]) expect(everywhere, name).toContain(name);
  });
});

describe("staleness of the build", () => {
  /** A project of three files with the two entry points the build expects. */
  function project() {
    const root = tempDir("sb-build-project-");
    mkdirSync(path.join(root, "adapters/console"), { recursive: true });
    mkdirSync(path.join(root, "src"), { recursive: true });
    writeFileSync(path.join(root, "package.json"), '{ "type": "module" }\n');
    writeFileSync(path.join(root, "tsconfig.json"), "{}\n");
    writeFileSync(path.join(root, "src/greeting.ts"), 'export const greeting: string = "hello";\n');
    writeFileSync(path.join(root, "adapters/main.ts"), 'import { greeting } from "../src/greeting.ts";\nexport const said = greeting;\n');
    writeFileSync(path.join(root, "adapters/console/console.main.ts"), "export const console = 1;\n");
    mkdirSync(path.join(root, "src/charts"), { recursive: true });
    writeFileSync(path.join(root, "src/charts/chart-worker.js"), "export {};\n");
    return { root, file: (relative: string) => path.join(root, relative) };
  }
  const said = async (root: string) =>
    ((await import(`${pathToFileURL(path.join(root, "dist/main.js")).href}?t=${Math.random()}`)) as { said: string }).said;

  it("is stale without a build, fresh after one, and stale again after an edit, a touch or a deletion", { timeout: 60_000 }, async () => {
    const { root, file } = project();
    expect(staleness({ root })).toBe("there is no build yet");
    await build({ root });
    expect(staleness({ root })).toBeUndefined();
    expect(await said(root)).toBe("hello");

    // Same length, so only the modification time tells.
    writeFileSync(file("src/greeting.ts"), 'export const greeting: string = "howdy";\n');
    expect(staleness({ root })).toBe("src/greeting.ts changed");
    expect(await ensureBuilt({ root })).toBe(true);
    expect(staleness({ root })).toBeUndefined();
    expect(await said(root)).toBe("howdy");
    expect(await ensureBuilt({ root })).toBe(false);

    // A checkout back to older content, or a touch: the time differs, so it rebuilds.
    const later = new Date(Date.now() + 60_000);
    utimesSync(file("adapters/main.ts"), later, later);
    expect(staleness({ root })).toBe("adapters/main.ts changed");
    await build({ root });

    // A build input that did not exist and appears (a build script here) rebuilds too.
    mkdirSync(file("scripts"));
    writeFileSync(file("scripts/build.mjs"), "\n");
    expect(staleness({ root })).toBe("scripts/build.mjs changed");
    await build({ root });

    unlinkSync(file("src/greeting.ts"));
    expect(staleness({ root })).toBe("src/greeting.ts changed");
    await expect(build({ root })).rejects.toThrow(/greeting/);
  });

  it("names every source the build read in its manifest", { timeout: 60_000 }, async () => {
    const { root } = project();
    await build({ root });
    const manifest = JSON.parse(readFileSync(path.join(root, "dist/build-manifest.json"), "utf8")) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining(["adapters/main.ts", "adapters/console/console.main.ts", "src/greeting.ts", "package.json", "tsconfig.json", "scripts/build.mjs"]),
    );
    expect(manifest.files["scripts/build.mjs"]).toBeNull();
  });
});
