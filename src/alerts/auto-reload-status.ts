// Whether an account reloads itself, as the balance alert shows it. Billing owns the
// auto-reload settings; until its reader is plugged in (buildServices), no account has
// auto-reload on, which is what the alert then says.
export interface AutoReloadStatus {
  on: boolean;
  /** "adds €20.00 when the balance falls below €5.00" */
  detail?: string;
}

export type AutoReloadReader = (accountId: string) => Promise<AutoReloadStatus>;

export const autoReloadNotSetUp: AutoReloadReader = async () => ({ on: false });

/** The same for several accounts at once (a sweep's firing alerts): one query, not one per account. */
export type AutoReloadsReader = (accountIds: readonly string[]) => Promise<Map<string, AutoReloadStatus>>;

/** A batch reader made of a single one, for callers that plug in only that. */
export const oneByOne =
  (reader: AutoReloadReader): AutoReloadsReader =>
  async (accountIds) =>
    new Map(await Promise.all(accountIds.map(async (id) => [id, await reader(id)] as const)));
