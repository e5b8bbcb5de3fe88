// The account platform's hooks into shared mechanisms: typeahead for users, and the
// expiries `sandbox advance` replays.
import type { Services } from "../services.ts";
import { mention } from "./chat-users.ts";

export function registerAccountPlatform(services: Services): void {
  services.suggestions.register("users", async (ctx, query) => {
    if (!ctx.account) return [];
    const members = await services.db.member.findMany({
      where: { accountId: ctx.account.id, removedAt: null },
      select: { person: { select: { displayName: true, identities: { select: { address: true } } } } },
    });
    const q = query.toLowerCase();
    return members
      .flatMap((m) =>
        m.person.identities
          .filter((i) => i.address.startsWith(ctx.invocation.workspace + ":"))
          .map((i) => ({ label: m.person.displayName, value: mention(i.address) })),
      )
      .filter((o) => !q || o.label.toLowerCase().includes(q));
  });

  services.timeline.addScheduled({
    name: "invite expiries",
    order: 0,
    nextDue: (account, after, until) => services.invites.nextExpiry(account.id, after, until),
    async run(account, at) {
      const expired = await services.invites.expireDue(account.id, at);
      return expired ? `${expired} invitation(s) expired` : undefined;
    },
  });
}
