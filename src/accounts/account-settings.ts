// The account's own settings as rows: the contact and company profile, the profile phone
// (one account per phone), the display currency and a sandbox account's clock offset.
import type { Db } from "../data/database.ts";

export const profileSelect = {
  contactName: true, email: true, phone: true, skype: true, companyName: true, address: true, vatNumber: true,
} as const;

export interface AccountProfile {
  contactName: string;
  email: string;
  phone: string | null;
  skype: string | null;
  companyName: string;
  address: string | null;
  vatNumber: string | null;
}

/** What `account profile update` may change; undefined leaves a field as it is. */
export interface ProfileChanges {
  contactName?: string;
  email?: string;
  skype?: string;
  companyName?: string;
  address?: string;
  vatNumber?: string;
}

export class AccountSettings {
  constructor(private readonly db: Db) {}

  profile(accountId: string): Promise<AccountProfile> {
    return this.db.account.findUniqueOrThrow({ where: { id: accountId }, select: profileSelect });
  }

  async updateProfile(accountId: string, changes: ProfileChanges): Promise<void> {
    await this.db.account.update({ where: { id: accountId }, data: changes, select: { id: true } });
  }

  /** The account whose profile holds this phone, if any. */
  async phoneOwner(phone: string): Promise<string | undefined> {
    return (await this.db.account.findUnique({ where: { phone }, select: { id: true } }))?.id;
  }

  async setPhone(accountId: string, phone: string): Promise<void> {
    await this.db.account.update({ where: { id: accountId }, data: { phone }, select: { id: true } });
  }

  async setDisplayCurrency(accountId: string, currency: string): Promise<void> {
    await this.db.account.update({ where: { id: accountId }, data: { displayCurrency: currency }, select: { id: true } });
  }

  async setClockOffset(accountId: string, offsetMs: bigint): Promise<void> {
    await this.db.account.update({ where: { id: accountId }, data: { clockOffsetMs: offsetMs }, select: { id: true } });
  }
}
