// Commands call the domain: the service or repository that owns the data touches the
// database, with its own explicit `select`. A command gets CommandServices, which has no
// `db` and none of the dispatcher's and adapters' plumbing, and no file under src/commands
// reaches the database client another way (typecheck checks the type-level cases).
import { describe, expect, expectTypeOf, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CommandServices } from "../../src/core/commands/context.ts";
import type { Services } from "../../src/services.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** What reaching the database looks like in a file. */
const DATABASE_ACCESS = [
  { what: "imports the database client", pattern: /from\s+["'][^"']*(?:data\/database|@prisma\/|\/generated\/)[^"']*["']/ },
  { what: "names the Db type", pattern: /\bDb\b/ },
  { what: "uses Prisma", pattern: /\bPrisma\b/ },
  { what: "reads .db", pattern: /\.db\b/ },
  { what: "takes db out of the services", pattern: /\{[^}]*\bdb\b[^}]*\}\s*=\s*ctx\.services/ },
];

describe("commands reach data through the domain", () => {
  it("CommandServices has no database and no plumbing", () => {
    expectTypeOf<CommandServices>().not.toHaveProperty("db");
    expectTypeOf<CommandServices>().not.toHaveProperty("outboxDispatcher");
    expectTypeOf<CommandServices>().not.toHaveProperty("idempotency");
    expectTypeOf<CommandServices>().toHaveProperty("billing");
    // The dispatcher hands commands the whole Services object, seen through the narrow type.
    expectTypeOf<Services>().toExtend<CommandServices>();
    const narrowed = (services: CommandServices) =>
      // @ts-expect-error a command cannot reach the database client
      services.db;
    expect(narrowed).toBeTypeOf("function");
  });

  it("no file under src/commands imports the database client or touches db", () => {
    const problems = sourceFiles(path.resolve("src/commands")).flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return DATABASE_ACCESS.filter(({ pattern }) => pattern.test(source)).map(({ what }) => `${path.relative(".", file)} ${what}`);
    });
    expect(problems).toEqual([]);
  });
});
