import { existsSync } from "node:fs";

// Debian's Chromium: `npx playwright install` cannot download browsers on these machines.
export const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate));

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
