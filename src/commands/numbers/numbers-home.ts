// The "Numbers" section of `home`: an account's numbers and when each renews. The home
// asks for it only for accounts the user belongs to; a provider that cannot list numbers
// leaves the section out.
import type { CommandContext } from "../../core/commands/context.ts";
import type { AccountRecord } from "../../accounts/directory.ts";
import { isUserError } from "../../core/errors.ts";
import { text, type Block } from "../../core/view.ts";
import { formatMsisdn } from "../../numbers/msisdn.ts";
import { formatDay } from "../../numbers/renewal-dates.ts";

const SHOWN = 5;

export async function numbersHomeSection(ctx: CommandContext, account: AccountRecord): Promise<Block[]> {
  let owned;
  try {
    owned = await ctx.services.numberProviders.for(account).list(account);
  } catch (error) {
    if (isUserError(error)) return [];
    throw error;
  }
  if (owned.length === 0) return [text("*Numbers*\nNo numbers yet: `numbers search <country>` finds some.")];
  const lines = owned
    .slice(0, SHOWN)
    .map((n) => `${formatMsisdn(n.msisdn)} (${n.country} ${n.type})${n.nextRenewalAt ? ` · renews ${formatDay(n.nextRenewalAt)}` : ""}`);
  if (owned.length > SHOWN) lines.push(`…and ${owned.length - SHOWN} more: \`numbers list\``);
  return [text(`*Numbers* (${owned.length})\n${lines.join("\n")}`)];
}
