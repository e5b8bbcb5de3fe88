// Types of build.mjs (plain JavaScript, so it runs before anything is compiled), for the
// tests that import it.
export interface BuildOptions {
  /** The project folder; the sources are read relative to it. */
  root?: string;
  /** Where the JavaScript goes: <root>/dist by default. */
  outDir?: string;
  /** name → source file, relative to root: <outDir>/<name>.js runs it. */
  entryPoints?: Record<string, string>;
  /** Worker threads: name → source file, built to <outDir>/<name>.js beside the chunks. */
  workers?: Record<string, string>;
}

export interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { bytes: number; imports: { path: string; kind: string; external?: boolean }[]; entryPoint?: string }>;
}

export const projectRoot: string;
export const ENTRY_POINTS: { main: string; console: string };
export const WORKER_ENTRY_POINTS: Record<string, string>;
export function build(options?: BuildOptions & { clean?: boolean }): Promise<{ outDir: string; inputs: number; metafile: Metafile }>;
/** The packages the entry point built from `source` imports statically, through its chunks. */
export function staticPackages(metafile: Metafile, source: string): string[];
/** The packages recorded for the entry point `name` by the last build in outDir, or none. */
export function packagesOf(name: string, options?: BuildOptions): string[];
export function staleness(options?: BuildOptions): string | undefined;
export function ensureBuilt(options?: BuildOptions): Promise<boolean>;
