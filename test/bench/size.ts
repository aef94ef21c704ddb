// Bench: the worker as Cloudflare would receive it — the bundle `wrangler deploy --dry-run` writes
// (raw and gzipped, with the largest inputs) — and its startup as `wrangler check startup` profiles
// it locally (CPU time spent evaluating the script before the first request).
// Run: node test/bench/size.ts
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const GOAL_GZIP_KB = 100;
const root = resolve(import.meta.dirname, "../..");
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", FORCE_COLOR: "0" };

function run(args: string[]): string {
  const result = spawnSync(process.execPath, [wrangler, ...args], { cwd: root, env: quiet, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}\n${result.stderr}`;
}

const out = mkdtempSync(join(tmpdir(), "hourline-size-"));
try {
  run(["deploy", "--dry-run", "--outdir", out]);
  const bundle = readFileSync(join(out, "index.js"));
  const gz = gzipSync(bundle, { level: 9 }).length;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

  // Where the bytes come from: the source map names every input; sum the mapped output bytes
  // per package (node_modules) or per worker folder.
  const shares = inputShares(JSON.parse(readFileSync(join(out, "index.js.map"), "utf8")) as SourceMap, bundle);

  const startup = run(["check", "startup", "--outfile", join(out, "startup.cpuprofile")]);
  const active = /Active:\s*([\d.]+)\s*ms/.exec(startup)?.[1];
  const sampled = /Sampled time:\s*([\d.]+)\s*ms/.exec(startup)?.[1];

  console.log(
    `worker bundle (wrangler deploy --dry-run): ${kb(bundle.length)} raw, ${kb(gz)} gzipped · goal ≤ ${GOAL_GZIP_KB} kB gzipped: ratio ${(gz / 1024 / GOAL_GZIP_KB).toFixed(2)}× the goal`,
  );
  console.log(
    `  largest inputs (raw bytes in the bundle): ${shares
      .slice(0, 6)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(", ")}`,
  );
  console.log(
    `worker startup (wrangler check startup, local CPU profile): ${active ?? "?"} ms active of ${sampled ?? "?"} ms sampled`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

/** Bytes of the generated file attributed to each input group, largest first. */
function inputShares(map: SourceMap, bundle: Buffer): [string, number][] {
  const group = (source: string) => {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
    // drizzle-orm's own source maps point at its sources as node_modules/src/…
    if (pkg) return pkg === "src" ? "drizzle-orm" : pkg;
    const local = /(worker|shared)\/([^/]+)/.exec(source);
    return local ? `${local[1]}/${local[2]}` : "other";
  };
  const lines = bundle.toString("utf8").split("\n");
  const totals = new Map<string, number>();
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let sourceIndex = 0;
  map.mappings.split(";").forEach((line, row) => {
    let column = 0;
    const segments: [number, number][] = [];
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = chars.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length > 1) sourceIndex += values[1]!;
      segments.push([column, sourceIndex]);
    }
    const length = lines[row]?.length ?? 0;
    segments.forEach(([start, source], i) => {
      const end = segments[i + 1]?.[0] ?? length;
      const name = group(map.sources[source] ?? "");
      totals.set(name, (totals.get(name) ?? 0) + Math.max(0, end - start));
    });
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}
