// Preloaded (--import) into every process a test spawns. The test keeps an IPC channel
// to the child; when the test's worker dies for any reason (a timeout, a crash, a
// SIGKILL) the channel closes and the child ends with it instead of living on as an
// orphan that still holds its port. The channel is unref'd so it never keeps the
// child's own event loop alive.
if (process.channel) {
  process.channel.unref();
  process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));
}
