// Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25]
// What a V8 CPU profile (npm run bench -- --profile) spent its time on: self
// time by package (node_modules/<name>, node: internals, Podium's own files)
// and the functions with the most self time.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
if (!positionals[0]) throw new Error("Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25]");
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;

// Self time per node: each sample is charged the time until the next one.
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0) / 1000));
const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);

function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  // node:internal/crypto/webcrypto → node:internal/crypto: deep enough to tell crypto from streams.
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/").slice(0, 2).join("/");
  return "podium:" + url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id) ?? 0;
  if (!ms) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = packageOf(url, functionName);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  const key = `${functionName || "(anonymous)"}  ${pkg}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
}

const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${name}`);
  }
};
console.log(`${positionals[0]}: ${(totalMs / 1000).toFixed(1)} s sampled`);
show("Self time by package", byPackage);
show("Self time by function", byFunction);
