// People are named in chat as mentions: <@U123> or <@U123|ada> (Slack), <@123> or <@!123>
// (Discord), or a full address. Each becomes an identity address in the workspace.
import { z } from "zod";
import { PERMISSIONS, type Permission } from "../core/commands/definition.ts";

export function identityAddress(workspace: string, mention: string): string | undefined {
  // The Slack adapter hands mentions over as @slack:T1:U1.
  const value = mention.trim().replace(/^@(?=(slack|discord|console):)/, "");
  if (/^(slack|discord|console):[^:\s]+:[^:\s]+$/.test(value)) return value;
  const match = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(value) ?? /^@?([A-Za-z0-9._-]+)$/.exec(value);
  return match ? `${workspace}:${match[1]}` : undefined;
}

/** How a person is mentioned back on their platform. */
export function mention(address: string): string {
  const [platform, , user] = address.split(":");
  return platform === "slack" || platform === "discord" ? `<@${user}>` : (user ?? address);
}

export const userArg = z.string().trim().min(1, "name the user, e.g. @ada");

/** "numbers,alerts" or "all"; an empty list means no restricted rights at all. */
export const permissionListArg = z
  .string()
  .trim()
  .transform((value, ctx): Permission[] => {
    if (value.toLowerCase() === "all") return [...PERMISSIONS];
    if (value.toLowerCase() === "none") return [];
    const names = value.split(/[,\s]+/).filter(Boolean).map((n) => n.toLowerCase().replace(/^apikeys$|^api_keys$/, "api-keys"));
    const unknown = names.filter((n) => !(PERMISSIONS as readonly string[]).includes(n));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `unknown permission ${unknown.join(", ")}: choose from ${PERMISSIONS.join(", ")}, all or none` });
      return z.NEVER;
    }
    return [...new Set(names)] as Permission[];
  });
