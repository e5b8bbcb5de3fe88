// Gives every button, select and pagination action in a reply a stored reference, so
// renderers can put a short id in a custom_id or value and stay synchronous.
import type { ActionSink, ActionStore } from "../../platform/action-store.ts";
import type { Action, Block, Reply } from "../view.ts";

/**
 * `writeBehind`: hand out the references at once and store the actions just after (a
 * command's reply: its acknowledgement need not wait for the insert); it receives the write.
 */
export async function attachActionRefs(
  reply: Reply,
  store: ActionSink & Partial<Pick<ActionStore, "putManyAfter">>,
  ttlMs?: number,
  writeBehind?: (written: Promise<void>) => void,
): Promise<Reply> {
  const message = reply.message;
  const form = reply.form;
  // Every action of the reply is stored in one statement: a channel post with three
  // buttons cost three inserts before, most of a newly firing alert's time in a sweep.
  const pending: { action: Action; set: (ref: string) => void }[] = [];
  const assign = (holder: { action: Action; ref?: string }) => {
    if (!holder.ref) pending.push({ action: holder.action, set: (ref) => void (holder.ref = ref) });
  };
  const blocks: Block[] | undefined = message?.blocks.map((block) => {
    if (block.type === "buttons") {
      const copy = { ...block, buttons: block.buttons.map((b) => ({ ...b })) };
      copy.buttons.forEach(assign);
      return copy;
    }
    if (block.type === "select") {
      const copy = { ...block };
      assign(copy);
      return copy;
    }
    return block;
  });
  const pagination = message?.pagination ? { ...message.pagination } : undefined;
  if (pagination?.previous && !pagination.previousRef) {
    pending.push({ action: pagination.previous, set: (r) => void (pagination.previousRef = r) });
  }
  if (pagination?.next && !pagination.nextRef) pending.push({ action: pagination.next, set: (r) => void (pagination.nextRef = r) });
  let formRef: string | undefined = form?.ref;
  // A form's reference keeps the store's default lifetime, as before.
  const formPending = form && !formRef ? [{ action: { command: form.command, args: form.fixedArgs } as Action, set: (r: string) => void (formRef = r) }] : [];
  const putManyAfter = writeBehind ? store.putManyAfter?.bind(store) : undefined;
  if (writeBehind && putManyAfter) {
    const later = putManyAfter(pending.map((p) => p.action), ttlMs);
    later.refs.forEach((ref, i) => pending[i]!.set(ref));
    writeBehind(later.written);
    for (const item of formPending) {
      const form = putManyAfter([item.action]);
      item.set(form.refs[0]!);
      writeBehind(form.written);
    }
  } else {
    const refs = await store.putMany(pending.map((p) => p.action), ttlMs);
    refs.forEach((ref, i) => pending[i]!.set(ref));
    for (const item of formPending) item.set((await store.putMany([item.action]))[0]!);
  }
  return {
    ...reply,
    message: message && blocks ? { ...message, blocks, pagination } : message,
    form: form ? { ...form, ref: formRef } : form,
  };
}
