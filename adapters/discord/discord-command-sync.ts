// Registers the commands (/switchboard and one per group) only when their definitions
// changed: a hash of what was last registered is kept in the KeyValue table, so a restart
// (or ten instances starting) costs no API call, and a changed registry is registered on
// the next start, all commands in one request.
import { createHash } from "node:crypto";
import { Routes, type REST } from "discord.js";
import type { Db } from "../../src/data/database.ts";
import type { CommandTable } from "./discord-commands.ts";

export interface SyncTarget {
  applicationId: string;
  /** DISCORD_GUILD_ID: one guild, updated instantly (development); otherwise global. */
  guildId?: string;
}

export async function syncCommands(rest: REST, db: Db, table: CommandTable, target: SyncTarget): Promise<"registered" | "unchanged"> {
  const body = table.commands;
  const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const key = `discord.commands:${target.applicationId}:${target.guildId ?? "global"}`;
  const stored = await db.keyValue.findUnique({ where: { key }, select: { value: true } });
  if ((stored?.value as { hash?: string } | null)?.hash === hash) return "unchanged";
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  // PUT replaces the whole set: groups removed from the registry (and the old single
  // /switchboard tree) disappear too, and Discord keeps the ids of commands it already has.
  await rest.put(route, { body });
  await db.keyValue.upsert({ where: { key }, create: { key, value: { hash } }, update: { value: { hash } } });
  return "registered";
}
