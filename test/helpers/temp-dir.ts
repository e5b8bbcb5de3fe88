// A fresh data folder for an app under test (or a benchmark): no test-runner hooks here,
// so scripts outside vitest can use it too.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const tempDataDir = () => mkdtempSync(path.join(os.tmpdir(), "sb-data-"));
