// Copies the front-end packages installed by `npm ci` into src/buurtteam/static/dist/,
// where Django's staticfiles finds them. The output is generated, never committed.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "buurtteam", "static", "dist");
const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht-components.css",
  "@utrecht/design-tokens/dist/index.css": "utrecht-tokens.css",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  cpSync(join(root, "node_modules", from), join(out, to));
  console.log(`static/dist/${to}  <-  ${from}`);
}
