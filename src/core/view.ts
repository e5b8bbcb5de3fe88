// The one view model every surface renders: console text, Slack Block Kit, Discord
// messages and modals. The core speaks only this; renderers fit it to each platform's
// limits.

/** What a button or select does: run a command with these arguments, as if typed. */
export interface Action {
  command: string;
  args: Record<string, unknown>;
}

export interface ConfirmDialog {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export interface Button {
  label: string;
  action: Action;
  style?: "primary" | "danger";
  confirm?: ConfirmDialog;
  /** Filled in by the dispatcher: the stored reference renderers put in ids. */
  ref?: string;
}

export interface SelectOption {
  label: string;
  value: string;
  description?: string;
}

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string; tone?: "normal" | "muted" | "warning" | "success" | "error" }
  | { type: "code"; text: string }
  | { type: "fields"; fields: { label: string; value: string }[] }
  | { type: "buttons"; buttons: Button[] }
  | {
      type: "select";
      placeholder: string;
      options: SelectOption[];
      /** The chosen value is passed to `action.command` as `action.args[argName]`. */
      argName: string;
      action: Action;
      ref?: string;
    }
  | { type: "divider" };

export interface Pagination {
  page: number;
  pageCount: number;
  previous?: Action;
  next?: Action;
  previousRef?: string;
  nextRef?: string;
}

export interface Message {
  blocks: Block[];
  pagination?: Pagination;
}

export type FieldKind = "text" | "multiline" | "number" | "amount" | "url" | "email" | "phone" | "select" | "date" | "secret";

export interface FormField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options?: SelectOption[];
  initial?: string;
  placeholder?: string;
  hint?: string;
  /** Suggestions come from a live source (owned numbers, users, countries). */
  suggest?: "countries" | "owned-numbers" | "users";
}

export interface Form {
  title: string;
  submitLabel: string;
  command: string;
  /** Arguments already known; the submission is merged over them. */
  fixedArgs: Record<string, unknown>;
  fields: FormField[];
  /** Field name → what is wrong, shown inline on re-display. */
  errors?: Record<string, string>;
  /** Filled in by the dispatcher: submit with { kind: "action", ref, values }. */
  ref?: string;
}

export interface FileOut {
  name: string;
  mimeType: string;
  /**
   * The bytes, or their promise for a file still being drawn (a chart, in its worker
   * thread): the reply's text is answered at once and the file follows when it is ready.
   */
  content: Buffer | Promise<Buffer>;
  title?: string;
  /** A picture to show inline (a chart): Slack uploads it, Discord shows it in an embed. */
  image?: { width: number; height: number; alt: string };
}

/** A file whose bytes are there: what uploads, attachments and stored posts take. */
export type ReadyFile = FileOut & { content: Buffer };

/** The files with their bytes, waiting for any still being drawn. */
export async function readyFiles(files: readonly FileOut[] = []): Promise<ReadyFile[]> {
  return Promise.all(files.map(async (file) => ({ ...file, content: await file.content })));
}

/** A reply whose files are ready. */
export type ReadyReply = Omit<Reply, "files"> & { files?: ReadyFile[] };

/** The reply with its files ready, for a surface that sends text and files together. */
export async function readyReply(reply: Reply): Promise<ReadyReply> {
  return reply.files?.length ? { ...reply, files: await readyFiles(reply.files) } : (reply as ReadyReply);
}

export interface Reply {
  /** Ephemeral replies are seen only by the requester: secrets, links, private data. */
  visibility: "ephemeral" | "channel";
  message?: Message;
  form?: Form;
  files?: FileOut[];
}

// ---- small builders so handlers read as what they show

export const text = (value: string, tone?: Extract<Block, { type: "text" }>["tone"]): Block => ({ type: "text", text: value, tone });
export const header = (value: string): Block => ({ type: "header", text: value });
export const fields = (entries: Record<string, string> | { label: string; value: string }[]): Block => ({
  type: "fields",
  fields: Array.isArray(entries) ? entries : Object.entries(entries).map(([label, value]) => ({ label, value })),
});
export const buttons = (...items: Button[]): Block => ({ type: "buttons", buttons: items });
export const divider: Block = { type: "divider" };
export const code = (value: string): Block => ({ type: "code", text: value });

export function reply(blocks: Block[], options: Partial<Omit<Reply, "message">> & { pagination?: Pagination } = {}): Reply {
  const { pagination, ...rest } = options;
  return { visibility: "ephemeral", ...rest, message: { blocks, pagination } };
}

export const say = (value: string, visibility: Reply["visibility"] = "ephemeral"): Reply => ({
  visibility,
  message: { blocks: [text(value)] },
});

/** Plain text of a message, for logs, tests and text-only surfaces. */
export function plainText(message: Message | undefined): string {
  if (!message) return "";
  return message.blocks
    .map((block) => {
      switch (block.type) {
        case "header":
        case "text":
        case "code":
          return block.text;
        case "fields":
          return block.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
        case "buttons":
          return block.buttons.map((b) => `[${b.label}]`).join(" ");
        case "select":
          return `${block.placeholder}: ${block.options.map((o) => o.label).join(", ")}`;
        case "divider":
          return "---";
      }
    })
    .join("\n");
}
