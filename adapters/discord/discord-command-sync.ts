// Registers the commands (/switchboard and one per group) only when their definitions
// changed: a hash of what was last registered is kept in the host's state store (the
// KeyValue table, shared by every instance), so a restart
// (or ten instances starting) costs no API call, and a changed registry is registered on
// the next start, all commands in one request.
import { createHash } from "node:crypto";
import { Routes, type REST } from "discord.js";
import type { StateStore } from "../shared/chat-host.ts";
import type { CommandTable } from "./discord-commands.ts";

export interface SyncTarget {
  applicationId: string;
  /** DISCORD_GUILD_ID: one guild, updated instantly (development); otherwise global. */
  guildId?: string;
}

export async function syncCommands(rest: REST, state: StateStore, table: CommandTable, target: SyncTarget): Promise<"registered" | "unchanged"> {
  const body = table.commands;
  const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  const key = `discord.commands:${target.applicationId}:${target.guildId ?? "global"}`;
  if ((await state.get<{ hash?: string }>(key))?.hash === hash) return "unchanged";
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  // PUT replaces the whole set: groups removed from the registry (and the old single
  // /switchboard tree) disappear too, and Discord keeps the ids of commands it already has.
  await rest.put(route, { body });
  await state.set(key, { hash });
  return "registered";
}
