/**
 * The GitHub Actions workflows: actionlint (ACTIONLINT_VERSION, built by toolchain/install-actionlint.sh; it knows the inputs of
 * pulumi/actions@v6 and the other actions used, checks expressions, contexts, cron syntax and — with shellcheck
 * on PATH — the shell of `run:` steps) passes on each of them and fails on broken copies, and the YAML says what
 * the project needs: stacks, concurrency, permissions, the prod environment, the drift schedule.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { VERSIONS } from "../../toolchain/versions";

const WORKFLOWS = path.join(PROJECT_DIR, ".github", "workflows");
const ACTIONLINT = path.join(PROJECT_DIR, ".tools", "bin", "actionlint");
const FILES = ["preview.yml", "deploy.yml", "drift.yml"];
const STACKS = ["dev", "prod"];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { matrix?: { stack?: string[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, any>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const pulumiSteps = (job: Job) => job.steps.filter((s) => s.uses?.startsWith("pulumi/actions@"));
const runs = (job: Job) => job.steps.map((s) => s.run).filter((r): r is string => r !== undefined);
/** The step that puts toolchain/versions.env into the job's env, so later steps read `${{ env.<KEY> }}`. */
const VERSIONS_STEP = `grep -E '^[A-Z][A-Z0-9_]*=' toolchain/versions.env >> "$GITHUB_ENV"`;
const fromVersions = (key: keyof typeof VERSIONS) => `\${{ env.${key} }}`;

let scratch: string;
beforeAll(() => {
  const version = execFileSync("bash", [path.join(PROJECT_DIR, "toolchain", "install-actionlint.sh")], {
    encoding: "utf8",
  });
  expect(version.trim()).toBe(`v${VERSIONS.ACTIONLINT_VERSION}`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-workflows-"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function actionlint(file: string, cwd: string): { code: number; output: string } {
  const result = spawnSync(ACTIONLINT, ["-no-color", "-oneline", file], { cwd, encoding: "utf8" });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

describe("actionlint", () => {
  it.each(FILES)("passes on %s", (file) => {
    expect(actionlint(path.join(".github", "workflows", file), PROJECT_DIR)).toEqual({ code: 0, output: "" });
  });

  const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
  it.runIf(shellcheck)("fails on an unquoted variable in a run: script (shellcheck through actionlint)", () => {
    const dir = path.join(scratch, "shell", ".github", "workflows");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "drift.yml"), text("drift.yml").replace('--stack "$STACK"', "--stack $STACK"));
    const { code, output } = actionlint(path.join(".github", "workflows", "drift.yml"), path.join(scratch, "shell"));
    expect(code).toBe(1);
    expect(output).toContain("SC2086");
  });

  it.each([
    [
      "preview.yml",
      "policyPacks: policy",
      "policy-packs: policy",
      'input "policy-packs" is not defined in action "pulumi/actions@v6"',
    ],
    [
      "deploy.yml",
      "needs: dev\n",
      "needs: deev\n",
      'job "prod" needs job "deev" which does not exist in this workflow',
    ],
    ["drift.yml", '"17 5 * * *"', '"17 25 * * *"', "invalid CRON format"],
    ["drift.yml", "STACK: ${{ matrix.stack }}", "STACK: ${{ matrix.stacks }}", 'property "stacks" is not defined'],
    [
      "preview.yml",
      "cache: npm",
      "cache: npm\n          node-versions: 20",
      'input "node-versions" is not defined in action "actions/setup-node@v5"',
    ],
  ])("fails on a broken copy of %s (%s → %s)", (file, from, to, error) => {
    const source = text(file);
    expect(source).toContain(from);
    const dir = path.join(scratch, ".github", "workflows");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, file), source.replace(from, to));
    const { code, output } = actionlint(path.join(".github", "workflows", file), scratch);
    expect(code).toBe(1);
    expect(output).toContain(error);
  });
});

describe("the workflows", () => {
  it("preview every stack on pull requests, with the policy pack, editing one PR comment per stack", () => {
    const wf = workflow("preview.yml");
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    const job = wf.jobs.preview;
    expect(job.strategy?.matrix?.stack).toEqual(STACKS);
    expect(job.environment).toBe("${{ matrix.stack }}-readonly");
    expect(job.concurrency).toEqual({
      group: "preview-${{ matrix.stack }}-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(runs(job)).toEqual([VERSIONS_STEP, "npm ci", "npm run build:actions"]);
    const [pulumi] = pulumiSteps(job);
    expect(pulumi.uses).toBe("pulumi/actions@v6");
    expect(pulumi.with).toMatchObject({
      command: "preview",
      "stack-name": "${{ matrix.stack }}",
      "pulumi-version": fromVersions("PULUMI_VERSION"),
      diff: true,
      policyPacks: "policy",
      "comment-on-pr": true,
      "edit-pr-comment": true,
      "comment-on-summary": true,
    });
    expect(job.steps.indexOf(pulumi)).toBeGreaterThan(job.steps.findIndex((s) => s.run === "npm run build:actions"));
  });

  it("deploy dev on push to main, then prod after dev in the prod environment, never cancelling an update", () => {
    const wf = workflow("deploy.yml");
    expect(wf.on).toEqual({ push: { branches: ["main"] } });
    const { dev, prod } = wf.jobs;
    expect(dev.needs).toBe("test");
    expect(dev.environment).toBe("dev");
    expect(prod.needs).toBe("dev");
    expect(prod.environment).toBe("prod");
    expect(dev.concurrency).toEqual({ group: "deploy-dev", "cancel-in-progress": false });
    expect(prod.concurrency).toEqual({ group: "deploy-prod", "cancel-in-progress": false });
    for (const [stack, job] of [
      ["dev", dev],
      ["prod", prod],
    ] as const) {
      expect(runs(job)).toEqual([VERSIONS_STEP, "npm ci", "npm run build:actions"]);
      expect(pulumiSteps(job).map((s) => s.with)).toEqual([
        expect.objectContaining({
          command: "up",
          "stack-name": stack,
          "pulumi-version": fromVersions("PULUMI_VERSION"),
          policyPacks: "policy",
          refresh: true,
        }),
      ]);
    }
  });

  it("check drift daily and on demand per stack with the developers' command, failing on drift", () => {
    const wf = workflow("drift.yml");
    expect(Object.keys(wf.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const [{ cron }] = wf.on.schedule as { cron: string }[];
    // minute hour * * *: once a day.
    expect(cron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    const job = wf.jobs.drift;
    expect(job.strategy?.matrix?.stack).toEqual(STACKS);
    expect(job.environment).toBe("${{ matrix.stack }}-readonly");
    expect(job.concurrency).toEqual({ group: "drift-${{ matrix.stack }}", "cancel-in-progress": false });
    expect(runs(job)).toEqual([VERSIONS_STEP, "npm ci", "npm run build:actions", 'npm run drift -- --stack "$STACK"']);
    expect(job.steps.find((s) => s.run?.startsWith("npm run drift"))?.env).toEqual({ STACK: "${{ matrix.stack }}" });
    // The CLI only: the check itself is the project's command.
    expect(pulumiSteps(job).map((s) => s.with)).toEqual([{ "pulumi-version": fromVersions("PULUMI_VERSION") }]);
    // Nothing swallows the exit status (2 on drift, 1 on error).
    expect(text("drift.yml")).not.toMatch(/continue-on-error|\|\| true/);
  });

  it.each(["preview.yml", "deploy.yml"])(
    "%s: runs the tests with the project's CI entry point (npm ci, npm test)",
    (file) => {
      const job = workflow(file).jobs.test;
      expect(runs(job)).toEqual([VERSIONS_STEP, "bash .ci/run"]);
      expect(fs.readFileSync(path.join(PROJECT_DIR, ".ci", "run"), "utf8")).toMatch(/npm ci[\s\S]*npm test/);
    },
  );

  it.each(FILES)("%s: least privilege (contents: read; PR comments only in preview; no OIDC token)", (file) => {
    const wf = workflow(file);
    expect(wf.permissions).toEqual({ contents: "read" });
    for (const [name, job] of Object.entries(wf.jobs)) {
      const permissions = job.permissions ?? {};
      const expected =
        file === "preview.yml" && name === "preview" ? { contents: "read", "pull-requests": "write" } : {};
      expect(permissions, `${file} ${name}`).toEqual(expected);
    }
    expect(text(file)).not.toMatch(/^\s*id-token:/m);
  });

  it.each(FILES)(
    "%s: Node.js of versions.env with the npm cache; secrets only in jobs with a GitHub environment, as the provider's env vars",
    (file) => {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
          expect(step.with, `${file} ${name}`).toEqual({ "node-version": fromVersions("NODE_VERSION"), cache: "npm" });
        }
        const env = { ...job.env, ...Object.assign({}, ...job.steps.map((s) => s.env ?? {})) } as Record<
          string,
          string
        >;
        const secrets = Object.entries(env).filter(([, value]) => value.includes("secrets."));
        if (secrets.length === 0) continue;
        expect(job.environment, `${file} ${name}`).toBeDefined();
        expect(Object.fromEntries(secrets)).toEqual({
          PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
          AUTH0_CLIENT_ID: "${{ secrets.AUTH0_CLIENT_ID }}",
          AUTH0_CLIENT_SECRET: "${{ secrets.AUTH0_CLIENT_SECRET }}",
        });
      }
    },
  );

  it.each(FILES)(
    "%s: every job reads toolchain/versions.env right after checkout; versions come from env, never inline",
    (file) => {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        expect(
          job.steps.slice(0, 2).map((s) => s.uses ?? s.run),
          `${file} ${name}`,
        ).toEqual(["actions/checkout@v5", VERSIONS_STEP]);
        for (const step of job.steps) {
          for (const [input, value] of Object.entries(step.with ?? {})) {
            if (!/version/.test(input)) continue;
            expect(value, `${file} ${name} ${step.uses} ${input}`).toMatch(/^\$\{\{ env\.[A-Z_]+ \}\}$/);
            expect(Object.keys(VERSIONS), `${file} ${name} ${step.uses} ${input}`).toContain(
              /env\.([A-Z_]+)/.exec(String(value))?.[1],
            );
          }
        }
      }
      expect(text(file)).not.toMatch(/\b\d+\.\d+\.\d+\b/);
    },
  );

  it("the versions step puts exactly toolchain/versions.env's keys and values into $GITHUB_ENV", () => {
    const githubEnv = path.join(scratch, "github-env");
    fs.writeFileSync(githubEnv, "");
    execFileSync("bash", ["-c", VERSIONS_STEP], { cwd: PROJECT_DIR, env: { ...process.env, GITHUB_ENV: githubEnv } });
    const lines = fs.readFileSync(githubEnv, "utf8").trimEnd().split("\n");
    expect(Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]))).toEqual(
      VERSIONS,
    );
  });

  it.each(["preview.yml", "deploy.yml"])(
    "%s: the test job's container runs the Node.js of versions.env (an image cannot read env)",
    (file) => {
      expect((workflow(file).jobs.test as Job & { container?: string }).container).toBe(
        `node:${VERSIONS.NODE_VERSION}-bookworm`,
      );
    },
  );

  it.each(["preview.yml", "deploy.yml"])("%s: Go of versions.env for the toolchain build", (file) => {
    const steps = workflow(file).jobs.test.steps.filter((s) => s.uses?.startsWith("actions/setup-go@"));
    expect(steps.map((s) => s.with)).toEqual([{ "go-version": fromVersions("GO_VERSION"), cache: false }]);
  });

  it("run the stacks that exist, and document the OIDC / ESC alternative", () => {
    for (const stack of STACKS) expect(fs.existsSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`))).toBe(true);
    for (const file of ["preview.yml", "deploy.yml"]) {
      expect(text(file)).toContain("pulumi/auth-actions@v1");
      expect(text(file)).toContain("pulumi/esc-action@v1");
    }
    expect(text("deploy.yml")).toContain("Required reviewers");
  });
});

const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};
it.runIf(pkg.scripts.drift !== undefined)("package.json's drift script is the command drift.yml runs", () => {
  expect(pkg.scripts.drift).toBe("tsx tools/drift/cli.ts");
});
