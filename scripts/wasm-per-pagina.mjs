// Prints, per part of the release WASM that a page loads (app::deel!), what a first visit
// to such a page downloads, gzipped (`gzip -9`, as the sizes in docs/performance.md): the
// first part, the page's own part and every chunk its loader in __wasm_split.js names.
// Usage: node scripts/wasm-per-pagina.mjs target/site/pkg
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const pkg = process.argv[2] ?? "target/site/pkg";
// Each file gzipped once, however many pages load it.
const grootte = new Map();
const gzip = (bestand) => {
  if (!grootte.has(bestand)) {
    const uit = execFileSync("gzip", ["-9", "-c", join(pkg, bestand)], { maxBuffer: 1 << 26 });
    grootte.set(bestand, uit.length);
  }
  return grootte.get(bestand);
};
const eerste = gzip("frontend_bg.wasm");
const bestanden = readdirSync(pkg).filter((b) => b.endsWith(".wasm"));
console.log(`wasm: ${bestanden.length} bestanden; het eerste deel ${eerste} bytes gzipped`);
// `export const __wasm_split_load_<deel>_<hash> = … fetch(new URL("./<bestand>" … , [__chunk_4, …]));`
const lader =
  /export const __wasm_split_load_(\w+?)_\d+ = [\s\S]*?new URL\("\.\/([^"]+)"[\s\S]*?\n, \[([^\]]*)\]/g;
const js = readFileSync(join(pkg, "__wasm_split.js"), "utf8");
for (const [, deel, bestand, lijst] of js.matchAll(lader)) {
  const chunks = lijst.split(",").map((c) => c.trim()).filter(Boolean);
  const samen = chunks.reduce((som, c) => som + gzip(`${c.replace(/^__/, "")}.wasm`), eerste + gzip(bestand));
  console.log(`wasm: een eerste bezoek aan ${deel.padEnd(20)} ${String(samen).padStart(8)} bytes gzipped (${chunks.length} chunks)`);
}
