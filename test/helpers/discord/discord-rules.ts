// What Discord refuses, written from its public API reference (messages, embeds, message
// components, modals, application commands) independently of the adapter's own limits
// table: the fake REST answers 400 when a payload breaks one of these, as Discord does.
/* eslint-disable @typescript-eslint/no-explicit-any */

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export function messageProblems(body: any, hasFiles = false, uploads?: Upload[]): string[] {
  const problems: string[] = uploads ? attachmentProblems(body, uploads) : [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  const content: string = body.content ?? "";
  check(content.length <= 2000, `content ${content.length} > 2000`);
  const embeds: any[] = body.embeds ?? [];
  const components: any[] = body.components ?? [];
  check(content.length > 0 || embeds.length > 0 || components.length > 0 || hasFiles || (body.attachments ?? []).length > 0, "empty message");
  check(embeds.length <= 10, `${embeds.length} embeds > 10`);
  let total = 0;
  for (const embed of embeds) {
    const fields: any[] = embed.fields ?? [];
    check((embed.title ?? "").length <= 256, "embed title > 256");
    check((embed.description ?? "").length <= 4096, "embed description > 4096");
    check(fields.length <= 25, `${fields.length} fields > 25`);
    for (const f of fields) {
      check(f.name.length >= 1 && f.name.length <= 256, "field name not 1-256");
      check(f.value.length >= 1 && f.value.length <= 1024, "field value not 1-1024");
    }
    total += (embed.title ?? "").length + (embed.description ?? "").length + (embed.footer?.text ?? "").length;
    total += fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  check(total <= 6000, `embeds total ${total} > 6000`);
  check(components.length <= 5, `${components.length} action rows > 5`);
  const ids = new Set<string>();
  for (const row of components) {
    check(row.type === 1, "top-level component is not an action row");
    const items: any[] = row.components ?? [];
    const selects = items.filter((c) => c.type === 3);
    check(selects.length === 0 ? items.length >= 1 && items.length <= 5 : items.length === 1, "row must hold 1-5 buttons or one select");
    for (const item of items) {
      if (item.custom_id !== undefined) {
        check(item.custom_id.length >= 1 && item.custom_id.length <= 100, "custom_id not 1-100");
        check(!ids.has(item.custom_id), `duplicate custom_id ${item.custom_id}`);
        ids.add(item.custom_id);
      }
      if (item.type === 2) check((item.label ?? "").length <= 80, "button label > 80");
      if (item.type === 3) problems.push(...selectProblems(item));
    }
  }
  return problems;
}

/** A file as it arrived in the multipart body: its form field (`files[n]`), name and bytes. */
export interface Upload {
  field?: string;
  name: string;
  content: Buffer;
}

// Discord's "Uploading Files": at most 10 files a message, each within the upload limit
// (10 MiB without boosts); an `attachments` entry's id is the n of its `files[n]` part; an
// embed shows an upload through `attachment://<filename>`, which must name a file of this
// message, and such a filename holds only ASCII letters, digits, underscores, dashes and dots.
const UPLOAD_LIMIT = 10 * 1024 * 1024;

function attachmentProblems(body: any, uploads: Upload[]): string[] {
  const problems: string[] = [];
  if (uploads.length > 10) problems.push(`${uploads.length} files > 10`);
  for (const u of uploads) if (u.content.length > UPLOAD_LIMIT) problems.push(`${u.name} is ${u.content.length} bytes > ${UPLOAD_LIMIT}`);
  const byIndex = new Map(uploads.map((u) => [u.field?.match(/^files\[(\d+)\]$/)?.[1], u]));
  for (const a of body.attachments ?? []) {
    if (a.filename === undefined && a.id === undefined) continue;
    const upload = byIndex.get(String(a.id));
    if (!upload) problems.push(`attachment ${a.id} has no files[${a.id}] part`);
    else if (a.filename !== undefined && a.filename !== upload.name) problems.push(`attachment ${a.id} is named ${a.filename}, its file ${upload.name}`);
  }
  const names = new Set([...(body.attachments ?? []).map((a: any) => a.filename), ...uploads.map((u) => u.name)]);
  for (const embed of body.embeds ?? []) {
    for (const url of [embed.image?.url, embed.thumbnail?.url]) {
      if (typeof url !== "string" || !url.startsWith("attachment://")) continue;
      const name = url.slice("attachment://".length);
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) problems.push(`attachment name ${name} has characters Discord strips`);
      if (!names.has(name)) problems.push(`embed image ${url} names no uploaded file`);
    }
  }
  return problems;
}

function selectProblems(select: any): string[] {
  const problems: string[] = [];
  const options: any[] = select.options ?? [];
  if (options.length < 1 || options.length > 25) problems.push(`${options.length} select options not 1-25`);
  if ((select.placeholder ?? "").length > 150) problems.push("placeholder > 150");
  if (new Set(options.map((o) => o.value)).size !== options.length) problems.push("duplicate option values");
  for (const o of options) {
    if (o.label.length < 1 || o.label.length > 100) problems.push("option label not 1-100");
    if (o.value.length < 1 || o.value.length > 100) problems.push("option value not 1-100");
    if ((o.description ?? "").length > 100) problems.push("option description > 100");
  }
  return problems;
}

export function modalProblems(data: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  check(data.title.length >= 1 && data.title.length <= 45, `modal title ${data.title.length} not 1-45`);
  check(data.custom_id.length >= 1 && data.custom_id.length <= 100, "modal custom_id not 1-100");
  const components: any[] = data.components ?? [];
  check(components.length >= 1 && components.length <= 5, `${components.length} modal components not 1-5`);
  for (const top of components) {
    const inner = top.type === 18 ? top.component : top.type === 1 ? top.components?.[0] : undefined;
    if (top.type === 18) {
      check(top.label.length >= 1 && top.label.length <= 45, "label not 1-45");
      check((top.description ?? "").length <= 100, "label description > 100");
    }
    if (top.type === 10) continue;
    check(inner !== undefined, `unexpected modal component type ${top.type}`);
    if (!inner) continue;
    check(inner.custom_id.length >= 1 && inner.custom_id.length <= 100, "input custom_id not 1-100");
    if (inner.type === 4) {
      check((inner.value ?? "").length <= 4000, "text input value > 4000");
      check((inner.placeholder ?? "").length <= 100, "text input placeholder > 100");
      check(inner.style === 1 || inner.style === 2, "text input style");
      check(top.type !== 18 || inner.label === undefined, "text input in a label has no label of its own");
    } else if (inner.type === 3) problems.push(...selectProblems(inner));
    else problems.push(`component type ${inner.type} not allowed in a modal here`);
  }
  return problems;
}

export function commandProblems(command: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  let total = 0;
  const visit = (item: any, where: string) => {
    check(NAME.test(item.name) && item.name === item.name.toLowerCase(), `${where}: bad name "${item.name}"`);
    check(item.description.length >= 1 && item.description.length <= 100, `${where}: description not 1-100`);
    total += item.name.length + item.description.length;
    const options: any[] = item.options ?? [];
    check(options.length <= 25, `${where}: ${options.length} options > 25`);
    const names = new Set<string>();
    let optionalSeen = false;
    for (const option of options) {
      check(!names.has(option.name), `${where}: duplicate option ${option.name}`);
      names.add(option.name);
      if (option.type === 1 || option.type === 2) {
        visit(option, `${where} ${option.name}`);
        continue;
      }
      check(!(option.required && optionalSeen), `${where}: required option ${option.name} after an optional one`);
      if (!option.required) optionalSeen = true;
      check(!(option.autocomplete && option.choices?.length), `${where}: ${option.name} has both choices and autocomplete`);
      check((option.choices ?? []).length <= 25, `${where}: ${option.name} has more than 25 choices`);
      visit({ ...option, options: undefined }, `${where} ${option.name}`);
      for (const choice of option.choices ?? []) {
        check(choice.name.length >= 1 && choice.name.length <= 100, "choice name not 1-100");
        total += choice.name.length + String(choice.value).length;
      }
    }
    const kinds = new Set(options.map((o) => (o.type === 1 || o.type === 2 ? "sub" : "value")));
    check(kinds.size <= 1, `${where}: subcommands mixed with value options`);
  };
  visit(command, `/${command.name}`);
  check(total <= 4000, `command text ${total} > 4000`);
  return problems;
}

/** A bulk overwrite (PUT .../commands): every command within the limits, and the set too. */
export function commandSetProblems(commands: any): string[] {
  if (!Array.isArray(commands)) return ["body is not an array of commands"];
  const problems = commands.flatMap((c) => commandProblems(c));
  const chatInput = commands.filter((c) => (c.type ?? 1) === 1);
  if (chatInput.length > 100) problems.push(`${chatInput.length} chat-input commands > 100`);
  const names = chatInput.map((c) => c.name);
  for (const name of new Set(names)) if (names.indexOf(name) !== names.lastIndexOf(name)) problems.push(`duplicate command /${name}`);
  return problems;
}
