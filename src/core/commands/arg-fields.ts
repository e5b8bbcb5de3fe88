// Reads a command's zod schema to know each argument's kind, whether it is required and
// its choices, so forms, help and Discord options are derived rather than written twice.
import type { z } from "zod";
import type { AnyArgs, CommandDefinition } from "./definition.ts";
import type { FieldKind, FormField } from "../view.ts";

interface ZodDef {
  type: string;
  format?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string>;
  element?: z.ZodType;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

export interface ArgInfo {
  name: string;
  required: boolean;
  kind: FieldKind;
  choices?: string[];
  list: boolean;
}

function unwrap(schema: z.ZodType): { base: ZodDef; optional: boolean } {
  let def = defOf(schema);
  let optional = false;
  for (;;) {
    if ((def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType) {
      optional = true;
      def = defOf(def.innerType);
    } else if (def.type === "pipe" && def.in) {
      def = defOf(def.in);
    } else return { base: def, optional };
  }
}

function kindOf(base: ZodDef): FieldKind {
  if (base.type === "enum") return "select";
  if (base.type === "number" || base.type === "bigint") return "number";
  if (base.type === "string" && base.format === "url") return "url";
  if (base.type === "string" && base.format === "email") return "email";
  return "text";
}

export function argInfo(definition: CommandDefinition<AnyArgs>): ArgInfo[] {
  return Object.entries(definition.args.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const { base, optional } = unwrap(schema);
    const list = base.type === "array";
    const element = list && base.element ? unwrap(base.element).base : base;
    const hinted = definition.fields?.[name]?.kind;
    return {
      name,
      required: !optional,
      kind: hinted ?? kindOf(element),
      choices: element.entries ? Object.values(element.entries) : undefined,
      list,
    };
  });
}

export function formFieldFor(definition: CommandDefinition<AnyArgs>, info: ArgInfo, initial?: unknown): FormField {
  const hint = definition.fields?.[info.name] ?? {};
  return {
    name: info.name,
    label: hint.label ?? capitalized(argWord(info.name)),
    kind: hint.sensitive ? "secret" : info.kind,
    required: info.required,
    options: info.choices?.map((value) => ({ label: value, value })),
    initial: initial === undefined || hint.sensitive ? undefined : String(initial),
    placeholder: hint.placeholder,
    hint: hint.hint,
    suggest: hint.suggest,
  };
}

export const isSensitive = (definition: CommandDefinition<AnyArgs>, name: string): boolean =>
  Boolean(definition.fields?.[name]?.sensitive);

/** "numbers search <country> [type:] [pattern:]" */
export function usageOf(definition: CommandDefinition<AnyArgs>): string {
  const infos = argInfo(definition);
  const positional = definition.positional ?? [];
  const parts = [definition.path];
  for (const name of positional) {
    const info = infos.find((i) => i.name === name);
    const rest = definition.restPositional && name === positional[positional.length - 1] ? "..." : "";
    parts.push(info?.required ? `<${name}${rest}>` : `[${name}${rest}]`);
  }
  for (const info of infos.filter((i) => !positional.includes(i.name))) {
    const value = info.choices ? info.choices.join("|") : info.name === "confirm" ? "yes" : "…";
    parts.push(info.required ? `${info.name}:${value}` : `[${info.name}:${value}]`);
  }
  return parts.join(" ");
}

/** Abbreviations are written in capitals wherever an argument is named in prose ("VAT", never "Vat"). */
const ABBREVIATIONS = new Set(["vat", "url", "pin", "sms", "api", "id", "dlr"]);

/** An argument's name as words: `vat` → "VAT", `displayName` → "display name". */
export function argWord(name: string): string {
  return name
    .replace(/([A-Z])/g, " $1")
    .toLowerCase()
    .split(" ")
    .map((word) => (ABBREVIATIONS.has(word) ? word.toUpperCase() : word))
    .join(" ");
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
