// Gives every button, select and pagination action in a reply a stored reference, so
// renderers can put a short id in a custom_id or value and stay synchronous.
import type { ActionStore } from "../../platform/action-store.ts";
import type { Action, Block, Reply } from "../view.ts";

export async function attachActionRefs(reply: Reply, store: ActionStore, ttlMs?: number): Promise<Reply> {
  const message = reply.message;
  const form = reply.form;
  const tasks: Promise<void>[] = [];
  const assign = (holder: { action: Action; ref?: string }) => {
    if (holder.ref) return;
    tasks.push(store.put(holder.action, ttlMs).then((ref) => void (holder.ref = ref)));
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
    tasks.push(store.put(pagination.previous, ttlMs).then((r) => void (pagination.previousRef = r)));
  }
  if (pagination?.next && !pagination.nextRef) tasks.push(store.put(pagination.next, ttlMs).then((r) => void (pagination.nextRef = r)));
  let formRef: string | undefined = form?.ref;
  if (form && !formRef) tasks.push(store.put({ command: form.command, args: form.fixedArgs }).then((r) => void (formRef = r)));
  await Promise.all(tasks);
  return {
    ...reply,
    message: message && blocks ? { ...message, blocks, pagination } : message,
    form: form ? { ...form, ref: formRef } : form,
  };
}
