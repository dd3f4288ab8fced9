/**
 * The README's "Adopting an existing tenant" must name exactly the resources the program declares: the import
 * file (type, name, parent component), the table of import ids, and the parent URN of the one-resource example.
 * A renamed or added resource fails here until the README says how to import it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { LOGIN_SCREENS } from "../../auth0";
import {
  asPulumiHandsOver,
  buildActions,
  loadStackFile,
  type ProgramRun,
  type Registration,
  runProgram,
} from "../testkit";

const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");

function between(start: string, end: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end} block`);
  return readme.slice(from + start.length, to);
}

interface ImportEntry {
  type: string;
  name: string;
  parent?: string;
  id?: string;
  component?: boolean;
}

const importFile = JSON.parse(
  between("<!-- import-file:start -->", "<!-- import-file:end -->").replace(/^\s*```json|```\s*$/g, ""),
) as {
  resources: ImportEntry[];
};
/** Rows of the import-id table: [what, type token, "name (parent)", import id]. */
const tableRows = between("<!-- import-table:start -->", "<!-- import-table:end -->")
  .trim()
  .split("\n")
  .slice(2)
  .map((line) => line.split(" | ").map((cell) => cell.replace(/^\|\s*|\s*\|$/g, "")));

/** Every resource the program registers (the stack itself aside), with its parent component's name. */
function declared(run: ProgramRun): ImportEntry[] {
  const byUrn = new Map(run.registrations.map((r) => [r.urn, r]));
  return run.registrations
    .filter((r) => !r.type.startsWith("pulumi:"))
    .map((r: Registration) => {
      const parent = byUrn.get(r.parent);
      return {
        type: r.type,
        name: r.name,
        ...(parent && !parent.type.startsWith("pulumi:") ? { parent: parent.name } : {}),
        ...(r.custom ? {} : { component: true }),
      };
    });
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

let prod: ProgramRun;
let dev: ProgramRun;
beforeAll(async () => {
  await buildActions();
  // prod declares every resource the stack can have (custom domain verification, KMSI, every risk rule).
  prod = await runProgram({ stack: "prod", config: asPulumiHandsOver(loadStackFile("prod")) });
  dev = await runProgram({ stack: "dev", config: asPulumiHandsOver(loadStackFile("dev")) });
});

describe("README: adopting an existing tenant", () => {
  it("imports exactly the resources and components prod declares, each under its component", () => {
    const documented = importFile.resources.map(({ id: _id, ...entry }) => entry).sort(byName);
    expect(documented).toEqual(declared(prod).sort(byName));
  });

  it("gives every resource an id in the format its importer expects, and no component an id", () => {
    const ids = Object.fromEntries(importFile.resources.map((entry) => [entry.name, entry.id]));
    for (const entry of importFile.resources) {
      if (entry.component) expect([entry.name, entry.id]).toEqual([entry.name, undefined]);
      else expect([entry.name, typeof entry.id === "string" && entry.id !== ""]).toEqual([entry.name, true]);
    }
    const flow = loadStackFile("prod")["auth0-sessions:loginFlow"] as keyof typeof LOGIN_SCREENS;
    expect(ids["universal-login-kmsi-partial"]).toBe(LOGIN_SCREENS[flow].prompt);
    expect(ids["session-actions-post-login"]).toBe(
      prod.one("auth0:index/triggerActions:TriggerActions").inputs.trigger,
    );
    expect(ids["login-domain-verification"]).toBe(ids["login-domain-domain"]);
    expect(ids["login-domain-domain"]).toMatch(/^cd_/);
  });

  it("has one table row per resource, with its type token, name and parent as in the file", () => {
    const documented = tableRows.map(([, type, nameAndParent]) => {
      const match = /^`([^`]+)` \(`([^`]+)`\)$/.exec(nameAndParent);
      if (!match) throw new Error(`table cell ${nameAndParent} is not "\`name\` (\`parent\`)"`);
      return { type: type.replace(/`/g, ""), name: match[1], parent: match[2] };
    });
    const custom = declared(prod)
      .filter((entry) => !entry.component)
      .map(({ type, name, parent }) => ({ type, name, parent }));
    expect(documented.sort(byName)).toEqual(custom.sort(byName));
  });

  it("shows the parent URN Pulumi gives the SessionActions component", () => {
    const component = dev.registrations.find((r) => r.type === "auth0-sessions:index:SessionActions");
    expect(component?.urn).toBe("urn:pulumi:dev::auth0-sessions::auth0-sessions:index:SessionActions::session-actions");
    expect(readme).toContain(`--parent "session-actions=${component?.urn}"`);
  });
});
