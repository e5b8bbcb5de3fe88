// Loaded only by `prisma dev`, which Switchboard does not use: fail loudly instead of
// pretending to start a streams server.
export async function startLocalDurableStreamsServer() {
  throw new Error("`prisma dev` is not available in Switchboard: @prisma/streams-local is replaced by a placeholder (see package.json overrides). Use the embedded database or DATABASE_URL.");
}
