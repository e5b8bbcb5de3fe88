// Files a channel post carries that are drawn when it is delivered, not when it is
// enqueued. A balance chart costs ~110 ms of CPU: a sweep firing 10,000 alerts would spend
// minutes drawing charts inside the sweep, while delivery goes at the platforms' pace (a
// post a second a channel) and can afford one chart a post. A recipe names a registered
// drawer and its arguments; what it draws must not depend on when it is drawn (a chart as
// of the instant in the recipe), so a retried delivery posts the same file.
import type { ReadyFile } from "../core/view.ts";
import type { Logger } from "../platform/logger.ts";

export interface FileRecipe {
  kind: string;
  args: Record<string, string>;
}

/** Draws one file from its recipe's arguments; undefined when there is nothing to draw. */
export type FileDrawer = (args: Record<string, string>) => Promise<ReadyFile | undefined>;

export class FileRecipes {
  private readonly drawers = new Map<string, FileDrawer>();

  register(kind: string, drawer: FileDrawer): void {
    this.drawers.set(kind, drawer);
  }

  /**
   * The files of a post's recipes, in order. A file that cannot be drawn is left out and
   * logged: the post still goes out, as it would have without its chart.
   */
  async draw(recipes: readonly FileRecipe[], log: Logger, context: Record<string, unknown>): Promise<ReadyFile[]> {
    const files: ReadyFile[] = [];
    for (const recipe of recipes) {
      const drawer = this.drawers.get(recipe.kind);
      try {
        if (!drawer) throw new Error(`no drawer for "${recipe.kind}" on this instance`);
        const file = await drawer(recipe.args);
        if (file) files.push(file);
      } catch (error) {
        log.warn({ ...context, recipe: recipe.kind, err: { message: (error as Error).message } }, "could not draw a post's file; posting without it");
      }
    }
    return files;
  }
}

/** Reads the recipes column back: anything else than a list of recipes is no recipe. */
export function recipesOf(value: unknown): FileRecipe[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is FileRecipe => typeof r === "object" && r !== null && typeof r.kind === "string" && typeof r.args === "object" && r.args !== null);
}
