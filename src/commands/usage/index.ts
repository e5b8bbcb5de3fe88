import { usageCommand } from "./usage.command.ts";
import { usageSearchCommand } from "./usage-search.command.ts";
import { usageExportCommand } from "./usage-export.command.ts";

export const usageCommands = [usageCommand, usageSearchCommand, usageExportCommand];
