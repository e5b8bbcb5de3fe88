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
