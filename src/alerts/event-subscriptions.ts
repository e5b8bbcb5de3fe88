// Which account events each channel receives. One row per (account, channel); subscribing
// again adds event types, unsubscribing removes some or all.
import type { Db } from "../data/database.ts";
import type { AccountEventType } from "../accounts/account-events.ts";
import { newId } from "../core/ids.ts";

export interface Subscription {
  id: string;
  accountId: string;
  channel: string;
  types: string[];
}

const select = { id: true, accountId: true, channel: true, types: true } as const;

export class EventSubscriptions {
  constructor(private readonly db: Db) {}

  async subscribe(input: { accountId: string; channel: string; types: AccountEventType[]; by: string; at: Date }): Promise<Subscription> {
    const existing = await this.db.eventSubscription.findUnique({
      where: { accountId_channel: { accountId: input.accountId, channel: input.channel } },
      select,
    });
    const types = [...new Set([...(existing?.types ?? []), ...input.types])];
    return this.db.eventSubscription.upsert({
      where: { accountId_channel: { accountId: input.accountId, channel: input.channel } },
      create: { id: newId("sub"), accountId: input.accountId, channel: input.channel, types, createdBy: input.by, createdAt: input.at },
      update: { types },
      select,
    });
  }

  /** Removes some event types, or all of them when none are given. Returns what is left. */
  async unsubscribe(accountId: string, channel: string, types?: string[]): Promise<{ found: boolean; remaining: string[] }> {
    const where = { accountId_channel: { accountId, channel } };
    const existing = await this.db.eventSubscription.findUnique({ where, select });
    if (!existing) return { found: false, remaining: [] };
    const remaining = types ? existing.types.filter((t) => !types.includes(t)) : [];
    if (remaining.length === 0) await this.db.eventSubscription.delete({ where });
    else await this.db.eventSubscription.update({ where, data: { types: remaining } });
    return { found: true, remaining };
  }

  async removeById(accountId: string, id: string): Promise<boolean> {
    const { count } = await this.db.eventSubscription.deleteMany({ where: { id, accountId } });
    return count > 0;
  }

  async ofAccount(accountId: string): Promise<Subscription[]> {
    return this.db.eventSubscription.findMany({ where: { accountId }, orderBy: { createdAt: "asc" }, select });
  }

  async ofAccounts(accountIds: string[]): Promise<Subscription[]> {
    return this.db.eventSubscription.findMany({ where: { accountId: { in: accountIds } }, select });
  }
}
