import { existsSync } from "node:fs";
import path from "node:path";

// A browser already on the machine: Debian's Chromium here, where `npx playwright install` cannot
// download browsers; on Windows, Chrome or the Edge every Windows has. With none of them, Playwright
// uses its own (`npx playwright install chromium` where downloads work).
function installedBrowsers(): string[] {
  if (process.platform !== "win32") return ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const roots = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"], process.env.LOCALAPPDATA].filter((root): root is string => !!root);
  return [path.win32.join("Google", "Chrome", "Application", "chrome.exe"), path.win32.join("Microsoft", "Edge", "Application", "msedge.exe")].flatMap((browser) =>
    roots.map((root) => path.win32.join(root, browser)),
  );
}

export const SYSTEM_CHROMIUM = installedBrowsers().find((candidate) => existsSync(candidate));

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
