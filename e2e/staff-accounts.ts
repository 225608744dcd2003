// The staff accounts the end-to-end run creates with `npm run staff` before
// Playwright starts, one per role.
export const E2E_STAFF = {
  moderator: { email: "mod@podium.test", name: "Morgan Moderator", role: "moderator", password: "moderator-pass-1" },
  speaker: { email: "speaker@podium.test", name: "Sasha Speaker", role: "speaker", password: "speaker-pass-1" },
  admin: { email: "admin@podium.test", name: "Alex Admin", role: "admin", password: "admin-pass-1" },
} as const;

export type StaffRole = keyof typeof E2E_STAFF;

/** Runs `npm run staff` against the end-to-end database, for tests that need an account of their own. */
export function saveStaffWithCommand(account: { email: string; name: string; role: string; password: string }) {
  // Imported lazily so the config-time import of this file stays free of Node-only work.
  return import("../scripts/child-process.mjs").then(({ spawnSync }) => {
    const args = ["scripts/staff.ts", "--email", account.email, "--name", account.name, "--role", account.role];
    const result = spawnSync("tsx", args, { input: `${account.password}\n`, env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL }, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`npm run staff failed for ${account.email}: ${result.error?.message ?? result.stderr}`);
    return result.stdout;
  });
}
