// What linking two identities would do, said before it happens: both identities, and
// what each would gain (accounts, role, permissions).
import type { GainedAccount, LinkPreview } from "../../accounts/identity-links.ts";
import { buttons, reply, text, type Reply } from "../../core/view.ts";
import { mention } from "../../accounts/chat-users.ts";

const who = (address: string) => `${mention(address)} (${address.split(":")[0]})`;

function gains(list: GainedAccount[]): string {
  if (list.length === 0) return "nothing";
  return list.map((a) => `*${a.companyName}* as ${a.role === "primary" ? "primary user (every permission, API secrets and payments included)" : `user with ${a.permissions.join(", ") || "no restricted permissions"}`}`).join("; ");
}

export function previewReply(preview: LinkPreview, intro: string, confirmLabel: string): Reply {
  const issuer = preview.issuerIdentities.map(who).join(", ") || "the identity that asked for the code";
  return reply([
    text(intro),
    text(`Linking makes ${issuer} and ${who(preview.redeemer)} one person.`),
    text(`${issuer} would gain: ${gains(preview.issuerGains)}.`),
    text(`${who(preview.redeemer)} would gain: ${gains(preview.redeemerGains)}.`),
    text("Confirm only if both identities are yours. Someone who gave you a code to type could be trying to get into your accounts.", "muted"),
    buttons(
      { label: confirmLabel, style: "danger", action: { command: "users link confirm", args: { request: preview.ref } } },
      { label: "Cancel", action: { command: "cancel", args: {} } },
    ),
  ]);
}

export const describeGains = gains;
