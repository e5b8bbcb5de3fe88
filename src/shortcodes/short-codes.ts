// Shared US short codes of sandbox accounts, for two-factor authentication or event-based
// alerts. They are shared: every account uses the same code, with its own template.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import { optInText } from "./opt-in-text.ts";

export type ShortCodeKind = "2fa" | "alerts";

/** The sandbox's pre-approved shared short codes. */
export const SHARED_SHORT_CODES: Record<ShortCodeKind, string> = { "2fa": "98975", alerts: "98977" };

export const KIND_NAMES: Record<ShortCodeKind, string> = { "2fa": "two-factor authentication", alerts: "event-based alerts" };

export interface ShortCodeSetup {
  kind: ShortCodeKind;
  template: string;
  brand: string;
  messagesPerDay: number;
  termsUrl: string;
  privacyUrl: string;
  at: Date;
}

const shortCodeSelect = {
  kind: true,
  code: true,
  country: true,
  template: true,
  brand: true,
  messagesPerDay: true,
  termsUrl: true,
  privacyUrl: true,
  optInText: true,
  updatedAt: true,
} as const;

export class ShortCodes {
  constructor(private readonly db: Db) {}

  /** Sets up (or replaces) the account's short code of this kind. */
  async setUp(account: AccountRecord, setup: ShortCodeSetup) {
    requireSandbox(account);
    const code = SHARED_SHORT_CODES[setup.kind];
    const { at, ...fields } = setup;
    const data = { ...fields, code, country: "US", optInText: optInText({ code, ...setup }), updatedAt: at };
    return this.db.shortCode.upsert({
      where: { accountId_kind: { accountId: account.id, kind: setup.kind } },
      create: { id: newId("sc"), accountId: account.id, createdAt: at, ...data },
      update: data,
      select: shortCodeSelect,
    });
  }

  async list(account: AccountRecord) {
    return this.db.shortCode.findMany({ where: { accountId: account.id }, orderBy: { kind: "asc" }, select: shortCodeSelect });
  }
}

function requireSandbox(account: AccountRecord): void {
  if (account.provider === "sandbox") return;
  throw new UserError("shortcodes_unavailable", "Shared short codes of a Vonage account cannot be set up through Vonage's API.", {
    hint: "Set them up in the Vonage dashboard (Numbers → Buy numbers → add a shared short code).",
  });
}
