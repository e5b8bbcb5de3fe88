// Buttons, selects and page controls as action rows: 5 buttons or 1 select a row. Long
// selects are split into several, so every option stays reachable.
import type { APIButtonComponentWithCustomId, APISelectMenuOption } from "discord.js";
import { ButtonStyle, ComponentType } from "discord.js";
import type { Block, Button, Message } from "../../src/core/view.ts";
import type { ActionRow } from "./discord-renderer.ts";
import { encodeCustomId } from "./discord-custom-ids.ts";
import { LIMITS, chunk, clamp } from "./discord-limits.ts";

const STYLE = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;

export function renderRows(message: Message): ActionRow[] {
  const rows: ActionRow[] = [];
  for (const block of message.blocks) {
    if (block.type === "buttons") {
      const buttons = block.buttons.filter((b) => b.ref).map(renderButton);
      for (const group of chunk(buttons, LIMITS.buttonsPerRow)) rows.push({ type: ComponentType.ActionRow, components: group });
    } else if (block.type === "select" && block.ref) {
      rows.push(...renderSelect(block));
    }
  }
  const page = message.pagination;
  if (page && page.pageCount > 1) {
    const controls: APIButtonComponentWithCustomId[] = [];
    if (page.previousRef) controls.push(navButton("◀ Previous", page.previousRef));
    controls.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: `Page ${page.page} of ${page.pageCount}`,
      custom_id: encodeCustomId({ kind: "label" }),
      disabled: true,
    });
    if (page.nextRef) controls.push(navButton("Next ▶", page.nextRef));
    rows.push({ type: ComponentType.ActionRow, components: controls });
  }
  return rows;
}

export function renderButton(button: Button): APIButtonComponentWithCustomId {
  // Discord buttons have no confirm dialog: such a button asks first, in a reply.
  const id = button.confirm ? { kind: "ask" as const, ref: button.ref! } : { kind: "action" as const, ref: button.ref! };
  return {
    type: ComponentType.Button,
    style: button.style ? STYLE[button.style] : ButtonStyle.Secondary,
    label: clamp(button.label, LIMITS.buttonLabel),
    custom_id: encodeCustomId(id),
  };
}

function navButton(label: string, ref: string): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: encodeCustomId({ kind: "action", ref }) };
}

function renderSelect(block: Extract<Block, { type: "select" }>): ActionRow[] {
  const seen = new Set<string>();
  // A value is what comes back: one longer than Discord allows could not be sent back whole.
  const options: APISelectMenuOption[] = block.options
    .filter((o) => o.value.length > 0 && o.value.length <= LIMITS.optionText && !seen.has(o.value) && seen.add(o.value))
    .map((o) => ({
      label: clamp(o.label || o.value, LIMITS.optionText),
      value: o.value,
      ...(o.description ? { description: clamp(o.description, LIMITS.optionText) } : {}),
    }));
  const groups = chunk(options, LIMITS.selectOptions);
  return groups.map((group, part) => {
    const suffix = groups.length > 1 ? ` (${part + 1}/${groups.length})` : "";
    return {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: encodeCustomId({ kind: "select", ref: block.ref!, argName: block.argName }, part),
          placeholder: clamp(block.placeholder, LIMITS.selectPlaceholder - suffix.length) + suffix,
          options: group,
        },
      ],
    };
  });
}
