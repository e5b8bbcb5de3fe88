// Phone verification by PIN, as the dashboard does it: sent by SMS or voice call, each
// attempt valid for 5 minutes, a limited number of tries, a new PIN on request.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "../data/database.ts";
import type { SandboxInbox } from "../sandbox/sandbox-inbox.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";

export const PIN_TTL_MS = 5 * 60 * 1000;
export const PIN_ATTEMPTS = 3;

export type VerificationPurpose = "signup" | "profile-phone" | "demo-number";
export type PinChannel = "sms" | "voice";

export interface StartVerification {
  purpose: VerificationPurpose;
  phone: string;
  channel: PinChannel;
  requestedBy: string;
  accountId?: string;
  payload?: Record<string, unknown>;
  at: Date;
}

const hashPin = (id: string, pin: string) => createHash("sha256").update(`${id}:${pin}`).digest("hex");

export class PhoneVerification {
  constructor(
    private readonly db: Db,
    private readonly inbox: SandboxInbox,
  ) {}

  async start(input: StartVerification): Promise<{ id: string; expiresAt: Date }> {
    // A new request cancels the open ones it replaces, so none can come back later (a
    // resend, a PIN typed late): the same phone's, and for a profile phone change every
    // open change of that account, whichever phone it was for.
    await this.db.verification.deleteMany({
      where:
        input.purpose === "profile-phone" && input.accountId
          ? { purpose: input.purpose, accountId: input.accountId, verifiedAt: null }
          : { requestedBy: input.requestedBy, purpose: input.purpose, phone: input.phone, verifiedAt: null },
    });
    const id = newId("ver");
    const pin = String(randomInt(0, 10_000)).padStart(4, "0");
    const expiresAt = new Date(input.at.getTime() + PIN_TTL_MS);
    await this.db.verification.create({
      data: {
        id,
        purpose: input.purpose,
        phone: input.phone,
        channel: input.channel,
        pinHash: hashPin(id, pin),
        attemptsLeft: PIN_ATTEMPTS,
        expiresAt,
        requestedBy: input.requestedBy,
        accountId: input.accountId,
        payload: (input.payload ?? {}) as object,
        createdAt: input.at,
      },
    });
    const text =
      input.channel === "sms"
        ? `Your Switchboard verification PIN is ${pin}. It expires in 5 minutes.`
        : `Automated call: your Switchboard verification PIN is ${pin.split("").join(", ")}. Again: ${pin.split("").join(", ")}.`;
    await this.inbox.deliver(input.phone, input.channel, text, input.at, { accountId: input.accountId, requestedBy: input.requestedBy });
    return { id, expiresAt };
  }

  /** The open verification this person asked for, newest first. */
  async pending(requestedBy: string, purpose: VerificationPurpose, phone?: string) {
    return this.db.verification.findFirst({
      where: { requestedBy, purpose, phone, verifiedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, phone: true, channel: true, expiresAt: true, attemptsLeft: true, payload: true, accountId: true },
    });
  }

  /** Checks a PIN; on success returns the verification's payload. */
  async check(requestedBy: string, purpose: VerificationPurpose, pin: string, at: Date, phone?: string) {
    const open = await this.pending(requestedBy, purpose, phone);
    const resend = purpose === "demo-number" ? "`demo numbers add <number>` again" : "`account verify resend`";
    if (!open) throw new UserError("no_verification", "There is no PIN waiting to be checked.", { hint: `Ask for one with ${resend}.` });
    if (open.attemptsLeft <= 0) {
      throw new UserError("pin_locked", "Too many wrong PINs for this request.", { hint: `Ask for a new PIN with ${resend}.` });
    }
    if (open.expiresAt <= at) {
      throw new UserError("pin_expired", "That PIN has expired: each PIN is valid for 5 minutes.", { hint: `Ask for a new one with ${resend}.` });
    }
    const row = await this.db.verification.findUniqueOrThrow({ where: { id: open.id }, select: { pinHash: true } });
    const given = Buffer.from(hashPin(open.id, pin.trim()));
    if (!timingSafeEqual(given, Buffer.from(row.pinHash))) {
      const left = open.attemptsLeft - 1;
      await this.db.verification.update({ where: { id: open.id }, data: { attemptsLeft: left } });
      throw new UserError(
        "wrong_pin",
        left > 0 ? `That PIN is not right. ${left} attempt${left === 1 ? "" : "s"} left.` : "That PIN is not right, and no attempts are left.",
        { hint: left > 0 ? "Check the sandbox inbox (`sandbox inbox`) and try again." : `Ask for a new PIN with ${resend}.` },
      );
    }
    const { count } = await this.db.verification.updateMany({ where: { id: open.id, verifiedAt: null }, data: { verifiedAt: at } });
    if (count === 0) throw new UserError("pin_used", "That PIN was already used.");
    return { phone: open.phone, payload: (open.payload ?? {}) as Record<string, unknown>, accountId: open.accountId };
  }
}
