// The signals that mean "stop gracefully": SIGTERM from process managers and
// SIGINT from Ctrl-C everywhere. On Windows, Ctrl-Break arrives as SIGBREAK and
// closing the console window as SIGHUP (Windows then ends the process about
// 10 s later whatever it does, which is time enough to shut down). SIGHUP is
// not one of them elsewhere: `nohup npm start` must survive its terminal.
export const STOP_SIGNALS: readonly NodeJS.Signals[] =
  process.platform === "win32" ? ["SIGINT", "SIGTERM", "SIGBREAK", "SIGHUP"] : ["SIGINT", "SIGTERM"];
