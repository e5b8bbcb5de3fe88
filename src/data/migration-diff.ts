// What `prisma migrate dev` would write: the SQL from the migrations' end state to the
// schema. Computed against a throw-away in-memory PGlite so no shadow database is needed.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openSchemaEngine } from "./schema-engine.ts";
import { applyMigrations, noFilters, prismaDir, readSchema, schemaPath } from "./migrate.ts";

export const emptyMigrationMarker = "-- This is an empty migration.";

export async function diffSchemaAgainstMigrations(): Promise<string> {
  const pglite = await PGlite.create("memory://");
  try {
    const factory = new PrismaPGlite(pglite);
    await applyMigrations(factory);
    const schemaText = readSchema();
    const engine = await openSchemaEngine(schemaText, factory);
    try {
      const files = [{ path: schemaPath, content: schemaText }];
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: prismaDir },
        to: { tag: "schemaDatamodel", files },
        script: true,
        shadowDatabaseUrl: null,
        exitCode: null,
        filters: noFilters,
      } as never);
      return (result as { stdout: string }).stdout;
    } finally {
      engine.free();
    }
  } finally {
    await pglite.close();
  }
}
