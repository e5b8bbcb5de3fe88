// Installing into many workspaces: /slack/install sends the installer to Slack with a
// signed state (and a cookie binding it to that browser), /slack/oauth_redirect trades the
// code for a bot token and stores the installation sealed. Both are routes on the one
// HTTP server, in HTTP and Socket Mode alike (Bolt would otherwise open a second port).
import type { ServerResponse } from "node:http";
import { InstallProvider, type InstallationStore } from "@slack/oauth";
import type { Logger as BoltLogger } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { FastifyReply, FastifyRequest, HttpServer } from "../../src/platform/http-server.ts";
import type { Logger } from "../../src/platform/logger.ts";
import { BOT_SCOPES } from "./slack-scopes.ts";

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  publicUrl: string;
  installationStore: InstallationStore;
  boltLogger: BoltLogger;
  clientOptions: WebClientOptions;
  log: Logger;
}

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

export function createInstaller(settings: OAuthSettings): InstallProvider {
  return new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateSecret: settings.stateSecret,
    installationStore: settings.installationStore,
    logger: settings.boltLogger,
    clientOptions: settings.clientOptions,
    // Straight to Slack's consent screen: an intermediate "Add to Slack" page adds nothing.
    directInstall: true,
  });
}

export function mountOAuthRoutes(http: HttpServer, installer: InstallProvider, settings: OAuthSettings): void {
  const installOptions = { scopes: [...BOT_SCOPES], redirectUri: `${settings.publicUrl}${REDIRECT_PATH}` };
  mountRaw(http, INSTALL_PATH, (req, res) => installer.handleInstallPath(req, res, {}, installOptions).catch((e) => fail(res, e, settings.log)));
  mountRaw(http, REDIRECT_PATH, (req, res) =>
    installer
      .handleCallback(req, res, {
        success: (installation, _options, _req, response) => {
          const team = installation.team?.name ?? installation.enterprise?.name ?? "your workspace";
          settings.log.info({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id }, "slack: installed");
          page(response, 200, `Switchboard is installed in ${team}. In Slack, type /switchboard help to begin.`);
        },
        failure: (error, _options, _req, response) => {
          settings.log.warn({ code: error.code }, "slack: installation failed");
          page(response, 400, "The installation did not complete. Start again from the install link; it is valid for 10 minutes.");
        },
      })
      .catch((e) => fail(res, e, settings.log)),
  );
}

// The installer writes to Node's own request and response: Fastify hands them over
// (hijack) once it has matched the route, and the route lasts until the answer is written.
function mountRaw(http: HttpServer, path: string, run: (req: FastifyRequest["raw"], res: FastifyReply["raw"]) => Promise<unknown>): void {
  http.route({
    method: "GET",
    url: path,
    bodyLimit: 1024,
    handler: async (request, reply) => {
      reply.hijack();
      await run(request.raw, reply.raw);
      if (!reply.raw.writableEnded) reply.raw.end();
    },
  });
}

function fail(res: ServerResponse, error: unknown, log: Logger): void {
  log.error({ err: { message: (error as Error)?.message } }, "slack: OAuth route failed");
  if (!res.headersSent) page(res, 500, "Something went wrong with the installation. Try again in a moment.");
}

function page(res: ServerResponse, status: number, message: string): void {
  const escaped = message.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><meta charset="utf-8"><title>Switchboard</title><p>${escaped}</p>`);
}

