import { randomBytes, randomUUID } from "node:crypto";

export const newId = (prefix: string): string => `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 20)}`;

/** A short unguessable token for links and button references. */
export const newToken = (bytes = 16): string => randomBytes(bytes).toString("base64url");

export const newRequestId = (): string => randomUUID().slice(0, 8);
