// The files a channel post carries, kept in their own table beside the post: written in the
// enqueueing transaction, read when the post is first delivered (an edit carries text
// only), and dropped once it is delivered, since the platform holds them from then on.
import type { Db } from "../data/database.ts";
import type { ReadyFile } from "../core/view.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Stores the files of several posts in one statement. */
export async function storeOutboxFiles(tx: Tx, posts: readonly { outboxId: string; files: readonly ReadyFile[] }[]): Promise<void> {
  const data = posts.flatMap(({ outboxId, files }) =>
    files.map((f, position) => ({
      outboxId,
      position,
      name: f.name,
      mimeType: f.mimeType,
      title: f.title ?? null,
      imageWidth: f.image?.width ?? null,
      imageHeight: f.image?.height ?? null,
      imageAlt: f.image?.alt ?? null,
      content: new Uint8Array(f.content),
    })),
  );
  if (data.length > 0) await tx.outboxFile.createMany({ data });
}

export async function loadOutboxFiles(db: Db, outboxId: string): Promise<ReadyFile[]> {
  const rows = await db.outboxFile.findMany({
    where: { outboxId },
    orderBy: { position: "asc" },
    select: { name: true, mimeType: true, title: true, imageWidth: true, imageHeight: true, imageAlt: true, content: true },
  });
  return rows.map((r) => ({
    name: r.name,
    mimeType: r.mimeType,
    content: Buffer.from(r.content),
    ...(r.title ? { title: r.title } : {}),
    ...(r.imageWidth && r.imageHeight ? { image: { width: r.imageWidth, height: r.imageHeight, alt: r.imageAlt ?? r.title ?? r.name } } : {}),
  }));
}

export async function dropOutboxFiles(db: Db, outboxId: string): Promise<void> {
  await db.outboxFile.deleteMany({ where: { outboxId } });
}
