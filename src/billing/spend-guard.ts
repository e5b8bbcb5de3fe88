// Spend guardrails: what one account may spend before someone else has a say. On by
// default, changed by the primary user (`billing limits`):
// - top-ups a day (UTC, on the account's clock), in EUR;
// - numbers rented in any hour;
// - a single spend above an amount needs a second user's approval (`approvals`).
// A spend that is let through is recorded as a grant in the same transaction that counted
// the earlier ones, under the account's row lock: two people spending at once are counted
// one after the other, and cannot both slip under a limit.
import { createHash } from "node:crypto";
import type { Db } from "../data/database.ts";
import { Decimal, formatMoney } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { withAccountLock, type Tx } from "./account-lock.ts";

import type { SpendIntent } from "../core/commands/definition.ts";

export type { SpendIntent };

export interface SpendPolicyValues {
  topupPerDay: Decimal;
  rentsPerHour: number;
  approvalAbove: Decimal;
}

export const DEFAULT_SPEND_POLICY: SpendPolicyValues = {
  topupPerDay: new Decimal(5000),
  rentsPerHour: 50,
  approvalAbove: new Decimal(1000),
};

const HOUR_MS = 3_600_000;
export const APPROVAL_TTL_MS = 24 * HOUR_MS;

export interface SpendRequest {
  accountId: string;
  command: string;
  /** The command's arguments as typed (no confirmation flag, no account). */
  args: Record<string, unknown>;
  intent: SpendIntent;
  /** Who may approve: holders of this permission, or the primary user. */
  permission: string;
  actor: string;
  actorName: string;
  channel: string;
  at: Date;
}

export type GuardOutcome = { state: "granted"; grantId: string; approvalId?: string } | { state: "needs_approval"; approval: ApprovalRecord; created: boolean; limit: Decimal };

export interface ApprovalRecord {
  id: string;
  accountId: string;
  command: string;
  args: Record<string, unknown>;
  amount: Decimal;
  summary: string;
  permission: string;
  requestedBy: string;
  requestedByName: string;
  channel: string;
  status: "pending" | "approved" | "denied" | "used" | "expired";
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  expiresAt: Date;
}

const approvalSelect = {
  id: true,
  accountId: true,
  command: true,
  args: true,
  amount: true,
  summary: true,
  permission: true,
  requestedBy: true,
  requestedByName: true,
  channel: true,
  status: true,
  decidedBy: true,
  decidedAt: true,
  createdAt: true,
  expiresAt: true,
} as const;

type ApprovalRow = { [K in keyof typeof approvalSelect]: unknown };

function toApproval(row: ApprovalRow, now?: Date): ApprovalRecord {
  const record = { ...row, amount: new Decimal(String(row.amount)) } as ApprovalRecord;
  if (now && (record.status === "pending" || record.status === "approved") && record.expiresAt <= now) record.status = "expired";
  return record;
}

/** Which exact request an approval is for: the command and its arguments, in a stable order. */
export function argsHash(command: string, args: Record<string, unknown>): string {
  const stable = JSON.stringify(Object.keys(args).sort().map((key) => [key, args[key]]));
  return createHash("sha256").update(`${command}\n${stable}`).digest("hex");
}

export class SpendGuard {
  constructor(private readonly db: Db) {}

  async policy(accountId: string): Promise<SpendPolicyValues> {
    const row = await this.db.spendPolicy.findUnique({ where: { accountId }, select: { topupPerDay: true, rentsPerHour: true, approvalAbove: true } });
    if (!row) return DEFAULT_SPEND_POLICY;
    return { topupPerDay: new Decimal(row.topupPerDay.toString()), rentsPerHour: row.rentsPerHour, approvalAbove: new Decimal(row.approvalAbove.toString()) };
  }

  async setPolicy(accountId: string, changes: Partial<SpendPolicyValues>, by: string, at: Date): Promise<SpendPolicyValues> {
    const next = { ...(await this.policy(accountId)), ...changes };
    const data = { topupPerDay: next.topupPerDay.toString(), rentsPerHour: next.rentsPerHour, approvalAbove: next.approvalAbove.toString(), updatedBy: by, updatedAt: at };
    await this.db.spendPolicy.upsert({ where: { accountId }, create: { accountId, ...data }, update: data });
    return next;
  }

  /**
   * Lets a spend through, or says why not. Above the approval limit it needs an approved
   * request for exactly this command and arguments (used up here, once), or it files one.
   * Within the limits, the spend is counted as a grant under the account's lock.
   */
  async check(request: SpendRequest): Promise<GuardOutcome> {
    const policy = await this.policy(request.accountId);
    const hash = argsHash(request.command, request.args);
    return withAccountLock(this.db, request.accountId, async ({ tx }) => {
      let approvalId: string | undefined;
      if (request.intent.amount.greaterThan(policy.approvalAbove)) {
        // Used up atomically: two clicks on "Run it" cannot both spend on one approval.
        const used = await tx.spendApproval.findFirst({
          where: { accountId: request.accountId, argsHash: hash, status: "approved", expiresAt: { gt: request.at } },
          select: { id: true },
        });
        if (!used) return { ...(await this.fileApproval(tx, request, hash)), limit: policy.approvalAbove };
        await tx.spendApproval.update({ where: { id: used.id }, data: { status: "used" } });
        approvalId = used.id;
      }
      if (request.intent.kind === "topup") {
        const dayStart = new Date(Math.floor(request.at.getTime() / (24 * HOUR_MS)) * 24 * HOUR_MS);
        const sum = await tx.spendGrant.aggregate({ where: { accountId: request.accountId, kind: "topup", at: { gte: dayStart, lte: request.at } }, _sum: { amount: true } });
        const today = new Decimal(sum._sum.amount?.toString() ?? "0");
        if (today.plus(request.intent.amount).greaterThan(policy.topupPerDay)) {
          const left = Decimal.max(0, policy.topupPerDay.minus(today));
          throw new UserError("spend_limit_topup", `This account may top up ${formatMoney(policy.topupPerDay)} a day; ${formatMoney(today)} was topped up today, so at most ${formatMoney(left)} more until midnight UTC.`, {
            hint: "The primary user can raise the limit with `billing limits topups:<amount>`.",
          });
        }
      } else {
        const count = await tx.spendGrant.count({ where: { accountId: request.accountId, kind: "rent", at: { gt: new Date(request.at.getTime() - HOUR_MS), lte: request.at } } });
        if (count >= policy.rentsPerHour) {
          throw new UserError("spend_limit_rent", `This account may rent ${policy.rentsPerHour} numbers an hour, and has rented ${count} in the last hour.`, {
            hint: "Try again later, or the primary user can raise the limit with `billing limits rents:<count>`.",
          });
        }
      }
      const grantId = newId("grant");
      await tx.spendGrant.create({
        data: { id: grantId, accountId: request.accountId, kind: request.intent.kind, amount: request.intent.amount.toString(), actor: request.actor, at: request.at },
      });
      return { state: "granted", grantId, approvalId };
    });
  }

  /** The spend did not happen after all (the handler refused it): uncount it, and give back its approval. */
  async release(outcome: GuardOutcome): Promise<void> {
    if (outcome.state !== "granted") return;
    await this.db.spendGrant.deleteMany({ where: { id: outcome.grantId } });
    if (outcome.approvalId) await this.db.spendApproval.updateMany({ where: { id: outcome.approvalId, status: "used" }, data: { status: "approved" } });
  }

  private async fileApproval(tx: Tx, request: SpendRequest, hash: string): Promise<{ state: "needs_approval"; approval: ApprovalRecord; created: boolean }> {
    // The same request asked twice (a retry, a second click) waits on the one approval.
    const open = await tx.spendApproval.findFirst({
      where: { accountId: request.accountId, argsHash: hash, status: "pending", expiresAt: { gt: request.at } },
      select: approvalSelect,
    });
    if (open) return { state: "needs_approval", approval: toApproval(open), created: false };
    const row = await tx.spendApproval.create({
      data: {
        id: newId("apr"),
        accountId: request.accountId,
        command: request.command,
        argsHash: hash,
        args: request.args as object,
        amount: request.intent.amount.toString(),
        summary: request.intent.summary,
        permission: request.permission,
        requestedBy: request.actor,
        requestedByName: request.actorName,
        channel: request.channel,
        status: "pending",
        createdAt: request.at,
        expiresAt: new Date(request.at.getTime() + APPROVAL_TTL_MS),
      },
      select: approvalSelect,
    });
    return { state: "needs_approval", approval: toApproval(row), created: true };
  }

  async list(accountId: string, now: Date): Promise<ApprovalRecord[]> {
    const rows = await this.db.spendApproval.findMany({
      where: { accountId, OR: [{ status: { in: ["pending", "approved"] } }, { decidedAt: { gt: new Date(now.getTime() - APPROVAL_TTL_MS) } }] },
      orderBy: { createdAt: "desc" },
      take: 25,
      select: approvalSelect,
    });
    return rows.map((row) => toApproval(row, now));
  }

  async find(accountId: string, id: string, now: Date): Promise<ApprovalRecord | undefined> {
    const row = await this.db.spendApproval.findFirst({ where: { id, accountId }, select: approvalSelect });
    return row ? toApproval(row, now) : undefined;
  }

  /**
   * Approves or denies a pending request. The decider is never the requester: an approval
   * is a second person's say. Decided once: a second decision (or a race of two) is refused.
   */
  async decide(accountId: string, id: string, decision: "approved" | "denied", by: { actor: string; name: string }, at: Date): Promise<ApprovalRecord> {
    const approval = await this.find(accountId, id, at);
    if (!approval) throw new UserError("not_found", `The approval request ${id} was not found.`, { hint: "`approvals list` shows this account's requests." });
    if (approval.requestedBy === by.actor) {
      throw new UserError("self_approval", "You asked for this spend: a second user must approve or deny it.", {
        hint: "Someone else with the permission runs `approvals list`.",
      });
    }
    if (approval.status !== "pending") {
      throw new UserError("approval_decided", `That request is ${approval.status}${approval.decidedBy ? ` (by ${approval.decidedBy})` : ""}: nothing to decide.`, {
        hint: approval.status === "expired" ? "Run the command again to ask anew." : undefined,
      });
    }
    const { count } = await this.db.spendApproval.updateMany({
      where: { id, accountId, status: "pending", expiresAt: { gt: at } },
      data: { status: decision, decidedBy: by.name, decidedAt: at },
    });
    if (count === 0) throw new UserError("approval_decided", "That request was decided by someone else meanwhile.", { hint: "`approvals list` shows its state." });
    return { ...approval, status: decision, decidedBy: by.name, decidedAt: at };
  }
}
