// OAuth installations in the database, sealed with the SecretBox: a leaked database or
// backup holds no usable Slack token. Keyed by enterprise for org-wide installs, by team
// otherwise, as Slack's InstallationStore contract expects.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/oauth";
import type { Db } from "../../src/data/database.ts";
import type { SecretBox } from "../../src/platform/secret-box.ts";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

export class SlackInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const id = installation.isEnterpriseInstall && installation.enterprise ? `E:${installation.enterprise.id}` : `T:${installation.team?.id}`;
    if (id === "T:undefined") throw new Error("A Slack installation without a team or enterprise id cannot be stored");
    const data = {
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      dataEnc: this.secrets.seal(JSON.stringify(installation)),
    };
    await this.db.slackInstallation.upsert({ where: { id }, create: { id, ...data }, update: data });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const keys = keysOf(query);
    const rows = await this.db.slackInstallation.findMany({ where: { id: { in: keys } }, select: { id: true, dataEnc: true } });
    // The workspace's own install wins over its org's.
    const row = keys.map((key) => rows.find((r) => r.id === key)).find(Boolean);
    if (!row) throw new Error(`Switchboard is not installed in this Slack workspace (${query.teamId ?? query.enterpriseId})`);
    return JSON.parse(this.secrets.open(row.dataEnc)) as AnyInstallation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    // Only the installation the event names: one team leaving must not remove its org's install.
    const id = query.isEnterpriseInstall && query.enterpriseId ? `E:${query.enterpriseId}` : query.teamId ? `T:${query.teamId}` : undefined;
    if (id) await this.db.slackInstallation.deleteMany({ where: { id } });
  }

  /** The bot token for a team, for posts made outside any request (alerts, invitations). */
  async botTokenFor(teamId: string): Promise<string | undefined> {
    const installation = await this.fetchInstallation({ teamId, isEnterpriseInstall: false, enterpriseId: undefined }).catch(() => undefined);
    return installation?.bot?.token;
  }
}

/** An org-wide install answers for every team of the org, so both keys are tried. */
function keysOf(query: InstallationQuery<boolean>): string[] {
  const keys: string[] = [];
  if (query.teamId && !query.isEnterpriseInstall) keys.push(`T:${query.teamId}`);
  if (query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
  return keys;
}
