// Run by `npm ci` (postinstall): makes the prepared embedded-database template, so the
// first `npm start` and every test opens a migrated database without running initdb.
// Best effort: if it fails here, the first start makes it instead.
import { preparedDataFolder, templateFolderPath, templatePath } from "../src/data/pglite-template.ts";

try {
  // The folder is made from the tar: both are there afterwards.
  await preparedDataFolder();
  console.log(`Prepared the embedded database template (${templatePath()} and ${templateFolderPath()}/).`);
} catch (error) {
  console.warn(`Could not prepare the embedded database template now; the first start will: ${(error as Error).message}`);
}
