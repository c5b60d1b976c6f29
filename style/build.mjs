// Builds target/site/pkg/grondplan.css from the locked NL Design System packages and
// the app's own rules: design tokens (the Utrecht theme), the component library, then
// grondplan.css. Plain concatenation, in a fixed order, so the output is reproducible.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, "..", "target", "site", "pkg", "grondplan.css");
const parts = [
  "node_modules/@utrecht/design-tokens/dist/theme.css",
  "node_modules/@utrecht/component-library-css/dist/index.css",
  "grondplan.css",
];
const css = parts
  .map((part) => `/* ${part} */\n${readFileSync(join(here, part), "utf8")}`)
  .join("\n");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, css);
console.log(`style: ${out} (${css.length} bytes)`);
