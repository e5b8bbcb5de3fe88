/* eslint-disable @typescript-eslint/no-explicit-any -- platform payloads are untyped JSON here */
// Block Kit's limits, checked on what the fake Slack receives: a renderer must never send
// a payload Slack would reject. Written from Slack's Block Kit reference.
type Json = Record<string, any>;

const len = (value: unknown) => (typeof value === "string" ? value.length : 0);

export function blockKitProblems(blocks: Json[] | undefined, where = "message"): string[] {
  const problems: string[] = [];
  const max = where === "message" ? 50 : 100;
  const list = blocks ?? [];
  if (list.length > max) problems.push(`${list.length} blocks in a ${where} (max ${max})`);
  for (const block of list) {
    if (len(block.block_id) > 255) problems.push("block_id over 255");
    if (block.type === "header" && len(block.text?.text) > 150) problems.push("header over 150");
    if (block.type === "section") {
      if (len(block.text?.text) > 3000) problems.push(`section text of ${len(block.text?.text)} (max 3000)`);
      if ((block.fields ?? []).length > 10) problems.push(`${block.fields.length} section fields (max 10)`);
      for (const field of block.fields ?? []) if (len(field.text) > 2000) problems.push("section field over 2000");
    }
    if (block.type === "context" && (block.elements ?? []).length > 10) problems.push("context over 10 elements");
    if (block.type === "actions") {
      if ((block.elements ?? []).length > 25) problems.push(`${block.elements.length} actions (max 25)`);
      for (const element of block.elements ?? []) problems.push(...elementProblems(element));
    }
    if (block.accessory) problems.push(...elementProblems(block.accessory));
  }
  return problems;
}

function elementProblems(element: Json): string[] {
  const problems: string[] = [];
  if (len(element.action_id) > 255) problems.push("action_id over 255");
  if (element.type === "button") {
    if (len(element.text?.text) > 75) problems.push(`button text of ${len(element.text?.text)} (max 75)`);
    if (len(element.value) > 2000) problems.push("button value over 2000");
  }
  const options = element.options ?? [];
  if (options.length > 100) problems.push(`${options.length} select options (max 100)`);
  for (const option of options) {
    if (len(option.text?.text) > 75) problems.push("option text over 75");
    if (len(option.value) > 150) problems.push("option value over 150");
  }
  if (element.confirm) {
    if (len(element.confirm.title?.text) > 100) problems.push("confirm title over 100");
    if (len(element.confirm.text?.text) > 300) problems.push("confirm text over 300");
  }
  return problems;
}
