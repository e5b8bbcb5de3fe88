// Run by `npm ci` (postinstall): makes the prepared embedded-database template, so the
// first `npm start` and every test opens a migrated database without running initdb.
// Best effort: if it fails here, the first start makes it instead.
import { preparedDataDir, templatePath } from "../src/data/pglite-template.ts";

try {
  await preparedDataDir();
  console.log(`Prepared the embedded database template (${templatePath()}).`);
} catch (error) {
  console.warn(`Could not prepare the embedded database template now; the first start will: ${(error as Error).message}`);
}
