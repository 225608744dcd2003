/** The first line of stdin; at a terminal the typed characters are not echoed. */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) {
      input += chunk;
      if (input.includes("\n")) break;
    }
    return input.split(/\r?\n/)[0];
  }
  process.stdout.write("Password (not shown): ");
  process.stdin.setRawMode(true);
  process.stdin.setEncoding("utf8");
  let password = "";
  reading: for await (const chunk of process.stdin as AsyncIterable<string>) {
    // A paste arrives as one chunk: each character counts, up to the first Enter.
    for (const key of chunk) {
      if (key === "\u0003") process.exit(130);
      if (key === "\r" || key === "\n") break reading;
      // Backspace: DEL from POSIX terminals, BS from the Windows console.
      password = key === "\u007f" || key === "\b" ? password.slice(0, -1) : password + key;
    }
  }
  process.stdin.setRawMode(false);
  process.stdin.pause();
  process.stdout.write("\n");
  return password;
}
