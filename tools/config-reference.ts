/**
 * Prints the README's config reference table, generated from the zod schema's defaults and limits;
 * `--write` puts it into README.md between the config-reference markers.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { configReferenceMarkdown, replaceConfigReference } from "../config/reference";

const table = configReferenceMarkdown();
if (process.argv.includes("--write")) {
  const readme = path.join(__dirname, "..", "README.md");
  fs.writeFileSync(readme, replaceConfigReference(fs.readFileSync(readme, "utf8"), table));
  console.log(`updated ${readme}`);
} else {
  console.log(table);
}
