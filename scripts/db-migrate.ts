// npm run db:migrate: applies pending migrations to DATABASE_URL or the PGlite data folder.
import { loadConfigOrExit } from "../src/config.ts";
import { openDatabase } from "../src/data/database.ts";
import { applyMigrations } from "../src/data/migrate.ts";

const config = loadConfigOrExit(process.env);
const db = await openDatabase(config.database, { migrate: false });
const applied = await applyMigrations(db.adapterFactory);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
await db.close();
