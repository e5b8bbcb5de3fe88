// What a component's custom_id says. Every interactive part carries the short reference of
// a stored action (see ActionStore), so ids stay far below Discord's 100 characters and a
// click works on any instance, after a restart too.
import { LIMITS } from "./discord-limits.ts";

export type CustomId =
  /** Runs the stored action. */
  | { kind: "action"; ref: string }
  /** Asks "are you sure?" before running the stored action (a button with a confirm dialog). */
  | { kind: "ask"; ref: string }
  /** A select: the chosen value goes to `argName` of the stored action. */
  | { kind: "select"; ref: string; argName: string }
  /** A modal: the submitted values complete the stored form. */
  | { kind: "form"; ref: string }
  /** Closes a question without doing anything. */
  | { kind: "dismiss" }
  /** A disabled button that only shows something (the page number). */
  | { kind: "label" };

const PREFIX = "sb";

export function encodeCustomId(id: CustomId, part = 0): string {
  const encoded = ((): string => {
    switch (id.kind) {
      case "action":
        return `${PREFIX}:a:${id.ref}`;
      case "ask":
        return `${PREFIX}:c:${id.ref}`;
      case "select":
        // The part number keeps ids unique when one long select is split in several.
        return `${PREFIX}:s:${id.ref}:${part}:${id.argName}`;
      case "form":
        return `${PREFIX}:f:${id.ref}`;
      case "dismiss":
        return `${PREFIX}:x`;
      case "label":
        return `${PREFIX}:l:${part}`;
    }
  })();
  if (encoded.length > LIMITS.customId) throw new Error(`custom_id too long for Discord: ${encoded.slice(0, 40)}…`);
  return encoded;
}

export function decodeCustomId(value: string): CustomId | undefined {
  const [prefix, kind, ref, part, ...rest] = value.split(":");
  if (prefix !== PREFIX) return undefined;
  if (kind === "x") return { kind: "dismiss" };
  if (kind === "l") return { kind: "label" };
  if (!ref) return undefined;
  if (kind === "a") return { kind: "action", ref };
  if (kind === "c") return { kind: "ask", ref };
  if (kind === "f") return { kind: "form", ref };
  if (kind === "s" && part !== undefined && rest.length > 0) return { kind: "select", ref, argName: rest.join(":") };
  return undefined;
}
