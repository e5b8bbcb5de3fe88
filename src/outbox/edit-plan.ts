// What to do with an edit (a post with replacesId): edit the original in place once it is
// out, wait while it is still on its way, or drop it when a newer edit will say more.
import type { Db } from "../data/database.ts";

export type EditPlan =
  | { kind: "edit"; ref: string }
  /** The original never made it out: post this as a new message instead. */
  | { kind: "post"; ref: undefined }
  | { kind: "wait"; until: Date }
  | { kind: "drop"; reason: string };

export async function planEdit(
  db: Db,
  row: { id: string; replacesId: string | null; createdAt: Date },
  now: Date,
): Promise<EditPlan> {
  const newer = await db.outboxMessage.findFirst({
    where: { replacesId: row.replacesId, createdAt: { gt: row.createdAt }, status: { in: ["pending", "sent"] } },
    select: { id: true },
  });
  if (newer) return { kind: "drop", reason: `superseded by ${newer.id}` };
  const original = await db.outboxMessage.findUnique({
    where: { id: row.replacesId! },
    select: { status: true, platformRef: true, nextAttemptAt: true },
  });
  if (original?.platformRef) return { kind: "edit", ref: original.platformRef };
  if (original?.status === "pending") {
    const soonest = Math.max(original.nextAttemptAt.getTime(), now.getTime()) + 1_000;
    return { kind: "wait", until: new Date(soonest) };
  }
  if (original?.status === "cancelled") return { kind: "drop", reason: "the original post was cancelled" };
  return { kind: "post", ref: undefined };
}
