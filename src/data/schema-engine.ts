// Prisma's schema engine as WASM: the native one is a download our machines cannot make.
// The package imports its .wasm file as an ES module, which Node cannot, so we
// instantiate it by hand (see shared/recipes/prisma-offline.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

// @types/node 20 does not declare the WebAssembly global.
declare const WebAssembly: {
  instantiate(bytes: Buffer, imports: object): Promise<{ instance: { exports: object } }>;
};

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmFile = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), { "./schema_engine_bg.js": bg });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    bg.__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

export type SchemaEngine = bg.SchemaEngine;

export async function openSchemaEngine(
  schemaText: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  await loadWasm();
  return bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText]] },
    () => {},
    // A bare factory fails inside the engine: it must be the migration-aware binding.
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
