/**
 * "Is the toolchain ready?" has one answer, toolchain/ready.sh's (scripts source it, toolchain/ready.ts runs it),
 * and the bootstrap's Auth0 provider step records why the plugin is missing, word for word, and fails fast.
 * Both run here on copies of toolchain/ (so each copy is a repository of its own) with stand-ins for `pulumi`
 * and `go` on PATH: what they print is what the scripts must react to, not Pulumi's own behaviour.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../config";
import { toolchainStatus } from "../../toolchain/ready";
import { VERSIONS } from "../../toolchain/versions";
import { pulumiEnv } from "../../toolchain/pulumi-env";

const { PULUMI_VERSION, AUTH0_VERSION, AUTH0_PROVIDER_COMMIT, AUTH0_UPSTREAM_VERSION } = VERSIONS;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-toolchain-ready-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The stand-in `pulumi`: logs its arguments; `version` and `plugin install` behave as FAKE_* say. */
const FAKE_PULUMI = `#!/bin/sh
echo "$*" >> "$FAKE_LOG"
case "$1" in
  version) echo "$FAKE_PULUMI_VERSION" ;;
  plugin)
    case "$FAKE_INSTALL:$6" in
      fail:) printf '%s\\n' "$FAKE_INSTALL_ERROR" >&2; exit 1 ;;
      hang:) exec sleep 30 ;;
      *)
        mkdir -p "$PULUMI_HOME/plugins/resource-$4-v$5"
        printf '#!/bin/sh\\n' > "$PULUMI_HOME/plugins/resource-$4-v$5/pulumi-resource-$4"
        chmod +x "$PULUMI_HOME/plugins/resource-$4-v$5/pulumi-resource-$4" ;;
    esac ;;
esac
`;
/** The stand-in `go`: every module download is refused, as the Go module proxy refuses the provider's here. */
const FAKE_GO = `#!/bin/sh
echo "go: $3: reading https://proxy.golang.org/$3: 403 Forbidden" >&2
exit 1
`;
/** What Pulumi prints when it cannot reach its plugin downloads (stand-in text; the bootstrap records it verbatim). */
const INSTALL_ERROR = `error: [resource plugins] failed to download plugin: auth0-${AUTH0_VERSION}: Get "https://api.github.com/repos/pulumi/pulumi-auth0/releases/tags/v${AUTH0_VERSION}": dial tcp: lookup api.github.com: no such host`;

interface Repo {
  root: string;
  bin: string;
  log: string;
  env: NodeJS.ProcessEnv;
  run(
    script: string,
    args?: string[],
    extraEnv?: NodeJS.ProcessEnv,
  ): { code: number; stdout: string; stderr: string; seconds: number };
  calls(): string[];
}

let repos = 0;
/** A repository with toolchain/ only (pulumi-env.sh included); `pulumi` (and `go`) are the stand-ins. */
function makeRepo(options: { pulumi?: string; languageHost?: "beside" | "elsewhere" | "none" } = {}): Repo {
  const root = path.join(scratch, `repo-${++repos}`);
  fs.cpSync(path.join(PROJECT_DIR, "toolchain"), path.join(root, "toolchain"), { recursive: true });
  const bin = path.join(root, "fake-bin");
  const other = path.join(root, "fake-other-bin");
  fs.mkdirSync(bin);
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(bin, "go"), FAKE_GO, { mode: 0o755 });
  if (options.pulumi) {
    fs.writeFileSync(path.join(bin, "pulumi"), FAKE_PULUMI, { mode: 0o755 });
    const host = { beside: bin, elsewhere: other, none: undefined }[options.languageHost ?? "beside"];
    if (host) fs.writeFileSync(path.join(host, "pulumi-language-nodejs"), "#!/bin/sh\n", { mode: 0o755 });
  }
  const log = path.join(root, "pulumi-calls.log");
  fs.writeFileSync(log, "");
  fs.mkdirSync(path.join(root, "home"));
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, other, "/usr/bin", "/bin"].join(path.delimiter),
    HOME: path.join(root, "home"),
    FAKE_LOG: log,
    FAKE_PULUMI_VERSION: options.pulumi ?? "",
    FAKE_INSTALL: "fail",
    FAKE_INSTALL_ERROR: INSTALL_ERROR,
  };
  return {
    root,
    bin,
    log,
    env,
    run(script, args = [], extraEnv = {}) {
      const start = process.hrtime.bigint();
      const r = spawnSync("bash", [path.join(root, "toolchain", script), ...args], {
        cwd: root,
        env: { ...env, ...extraEnv },
        encoding: "utf8",
      });
      return {
        code: r.status ?? -1,
        stdout: r.stdout,
        stderr: r.stderr,
        seconds: Number(process.hrtime.bigint() - start) / 1e9,
      };
    },
    calls: () => fs.readFileSync(log, "utf8").split("\n").filter(Boolean),
  };
}

/** toolchain/ready.sh's answer in `repo`, as key/value pairs. */
function ready(repo: Repo): Record<string, string> {
  const { code, stdout } = repo.run("ready.sh");
  expect(code).toBe(0);
  return Object.fromEntries(
    stdout
      .trimEnd()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}
const notReady = (repo: Repo) => ({
  pulumi: "",
  pulumi_version: "",
  auth0_provider: "",
  auth0_provider_status: path.join(repo.root, ".tools", "auth0-provider.status"),
});

/** A .tools/bin as the bootstrap leaves it: both binaries and the stamp (`language_host` as given). */
function built(repo: Repo, stamp: { pulumi: string; languageHost: string }): void {
  const bin = path.join(repo.root, ".tools", "bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const name of ["pulumi", "pulumi-language-nodejs"])
    fs.writeFileSync(path.join(bin, name), "#!/bin/sh\n", { mode: 0o755 });
  fs.writeFileSync(
    path.join(repo.root, ".tools", "toolchain.stamp"),
    `pulumi=${stamp.pulumi}\nlanguage_host=${stamp.languageHost}\ngo=go1.26.8\ndate=2026-11-29T00:00:00Z\n`,
  );
}
function langhostHash(repo: Repo): string {
  const r = spawnSync("bash", ["-c", "source toolchain/ready.sh && langhost_source_hash"], {
    cwd: repo.root,
    env: repo.env,
    encoding: "utf8",
  });
  expect(r.stdout).toMatch(/^[0-9a-f]{16}\n$/);
  return r.stdout.trim();
}

describe("toolchain/ready.sh: a usable Pulumi", () => {
  it.each([
    ["the pinned version", `v${PULUMI_VERSION}`, "beside", true],
    ["a newer 3.x", "v3.999.1", "beside", true],
    ["a pre-release build of the pinned version", `v${PULUMI_VERSION}-alpha.1+dev`, "beside", true],
    ["the language host elsewhere on PATH", `v${PULUMI_VERSION}`, "elsewhere", true],
    ["an older 3.x", "v3.100.0", "beside", false],
    ["a 4.x", "v4.0.0", "beside", false],
    ["no language host", `v${PULUMI_VERSION}`, "none", false],
  ] as const)("installed on PATH: %s (%s, language host %s) → ready: %s", (_, version, languageHost, isReady) => {
    const repo = makeRepo({ pulumi: version, languageHost });
    expect(ready(repo)).toEqual(
      isReady ? { ...notReady(repo), pulumi: path.join(repo.bin, "pulumi"), pulumi_version: version } : notReady(repo),
    );
  });

  it("nothing installed and nothing built: not ready", () => {
    const repo = makeRepo();
    expect(ready(repo)).toEqual(notReady(repo));
  });

  it("built for this version and this language host source: .tools/bin/pulumi, even with a newer Pulumi on PATH", () => {
    const repo = makeRepo({ pulumi: "v3.999.1" });
    built(repo, { pulumi: `v${PULUMI_VERSION}`, languageHost: `compact:${langhostHash(repo)}` });
    const bin = path.join(repo.root, ".tools", "bin", "pulumi");
    expect(ready(repo)).toEqual({ ...notReady(repo), pulumi: bin, pulumi_version: `v${PULUMI_VERSION}` });
    // A test file is not part of the binary: still current.
    fs.appendFileSync(path.join(repo.root, "toolchain", "langhost", "run_test.go"), "\n");
    expect(ready(repo).pulumi).toBe(bin);
    // The upstream host is identified by its module version, which PULUMI_VERSION fixes.
    built(repo, { pulumi: `v${PULUMI_VERSION}`, languageHost: "upstream:v3.0.0-20261101000000-df58e0d55bd2" });
    expect(ready(repo).pulumi).toBe(bin);
  });

  it.each([
    [
      "built for another Pulumi version",
      (repo: Repo) => built(repo, { pulumi: "v3.100.0", languageHost: `compact:${langhostHash(repo)}` }),
    ],
    [
      "the compact language host's source changed since",
      (repo: Repo) => {
        built(repo, { pulumi: `v${PULUMI_VERSION}`, languageHost: `compact:${langhostHash(repo)}` });
        fs.appendFileSync(path.join(repo.root, "toolchain", "langhost", "run.go"), "\n");
      },
    ],
    [
      "no stamp",
      (repo: Repo) => {
        built(repo, { pulumi: `v${PULUMI_VERSION}`, languageHost: `compact:${langhostHash(repo)}` });
        fs.rmSync(path.join(repo.root, ".tools", "toolchain.stamp"));
      },
    ],
  ])("a stale .tools/bin (%s) is not ready, even with a usable Pulumi on PATH (it would shadow it)", (_, setUp) => {
    const repo = makeRepo({ pulumi: `v${PULUMI_VERSION}` });
    setUp(repo);
    expect(ready(repo)).toEqual(notReady(repo));
  });
});

describe("toolchain/ready.sh: the Auth0 provider plugin", () => {
  it.each([
    [AUTH0_VERSION, true],
    ["3.0.0", false],
  ])("in $PULUMI_HOME/plugins at %s → installed: %s", (version, installed) => {
    const repo = makeRepo({ pulumi: `v${PULUMI_VERSION}` });
    const plugin = path.join(
      repo.root,
      ".pulumi-home",
      "plugins",
      `resource-auth0-v${version}`,
      "pulumi-resource-auth0",
    );
    fs.mkdirSync(path.dirname(plugin), { recursive: true });
    fs.writeFileSync(plugin, "#!/bin/sh\n", { mode: 0o755 });
    expect(ready(repo).auth0_provider).toBe(installed ? plugin : "");
  });
});

describe("toolchain/bootstrap.sh: the Auth0 provider plugin", () => {
  const today = () => new Date().toISOString().slice(0, 10);
  const status = (repo: Repo) => fs.readFileSync(path.join(repo.root, ".tools", "auth0-provider.status"), "utf8");
  const installCall = `plugin install resource auth0 ${AUTH0_VERSION}`;
  const refused = (module: string) => [
    module,
    `  go: ${module}: reading https://proxy.golang.org/${module}: 403 Forbidden`,
  ];
  const modules = [
    "The Go module proxy does not serve the provider's source modules:",
    ...refused(`github.com/pulumi/pulumi-auth0/provider/v3@${AUTH0_PROVIDER_COMMIT}`),
    ...refused(`github.com/auth0/terraform-provider-auth0@v${AUTH0_UPSTREAM_VERSION}`),
  ];

  it("tries `pulumi plugin install` first; records its exact error and the Go modules' in the status; reuses that result today", () => {
    const repo = makeRepo({ pulumi: `v${PULUMI_VERSION}` });
    const first = repo.run("bootstrap.sh", ["--quiet"]);
    expect(first.code, first.stderr).toBe(0);
    expect(repo.calls()).toEqual(["version", installCall]);
    expect(status(repo)).toBe(
      [
        "unavailable",
        `checked: ${today()} (UTC); retried the next day or with --retry-provider`,
        `pulumi plugin install resource auth0 ${AUTH0_VERSION} failed (exit 1):`,
        `  ${INSTALL_ERROR}`,
        ...modules,
        "",
      ].join("\n"),
    );
    expect(first.stderr).toContain(`==> auth0 provider ${AUTH0_VERSION}: UNAVAILABLE.`);

    // The same day: neither the download nor the Go modules are tried again, and nothing is printed.
    const second = repo.run("bootstrap.sh", ["--quiet"]);
    expect(second).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(repo.calls()).toEqual(["version", installCall, "version"]);

    const retried = repo.run("bootstrap.sh", ["--quiet", "--retry-provider"]);
    expect(retried.code).toBe(0);
    expect(repo.calls()).toEqual(["version", installCall, "version", "version", installCall]);
  });

  it("stops a download that does not answer after AUTH0_INSTALL_TIMEOUT seconds, and says so", () => {
    const repo = makeRepo({ pulumi: `v${PULUMI_VERSION}` });
    const result = repo.run("bootstrap.sh", ["--quiet"], { FAKE_INSTALL: "hang", AUTH0_INSTALL_TIMEOUT: "1" });
    expect(result.code, result.stderr).toBe(0);
    expect(result.seconds).toBeLessThan(10);
    expect(status(repo).split("\n").slice(2)).toEqual([
      `pulumi plugin install resource auth0 ${AUTH0_VERSION}: no answer within 1s (stopped)`,
      ...modules,
      "",
    ]);
  });

  it("where the download works, installs the plugin with it; then it is ready and nothing more is run", () => {
    const repo = makeRepo({ pulumi: `v${PULUMI_VERSION}` });
    const plugin = path.join(
      repo.root,
      ".pulumi-home",
      "plugins",
      `resource-auth0-v${AUTH0_VERSION}`,
      "pulumi-resource-auth0",
    );
    const first = repo.run("bootstrap.sh", ["--quiet"], { FAKE_INSTALL: "ok" });
    expect(first.code, first.stderr).toBe(0);
    expect(status(repo)).toBe(
      ["available", `plugin: ${plugin}`, `installed by: pulumi ${installCall}`, `checked: ${today()} (UTC)`, ""].join(
        "\n",
      ),
    );
    expect(ready(repo).auth0_provider).toBe(plugin);
    const second = repo.run("bootstrap.sh", ["--quiet"], { FAKE_INSTALL: "fail" });
    expect(second).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(repo.calls()).toEqual(["version", installCall, "version", "version"]);
    expect(status(repo)).toBe(["available", `plugin: ${plugin}`, `checked: ${today()} (UTC)`, ""].join("\n"));
  });

  it("registers a plugin from ~/.pulumi/plugins (a normal install) before downloading anything", () => {
    const repo = makeRepo({ pulumi: `v${PULUMI_VERSION}` });
    const home = path.join(
      repo.env.HOME!,
      ".pulumi",
      "plugins",
      `resource-auth0-v${AUTH0_VERSION}`,
      "pulumi-resource-auth0",
    );
    fs.mkdirSync(path.dirname(home), { recursive: true });
    fs.writeFileSync(home, "#!/bin/sh\n", { mode: 0o755 });
    const result = repo.run("bootstrap.sh", ["--quiet"]);
    expect(result.code, result.stderr).toBe(0);
    expect(repo.calls()).toEqual(["version", `${installCall} --file ${home}`]);
    expect(status(repo).split("\n").slice(2, 3)).toEqual([`registered from: ${home}`]);
  });
});

describe("toolchain/ready.ts", () => {
  it("reports what toolchain/ready.sh prints for this repository", () => {
    const env = pulumiEnv();
    const r = spawnSync("bash", [path.join(PROJECT_DIR, "toolchain", "ready.sh")], { env, encoding: "utf8" });
    const fields = Object.fromEntries(
      r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    expect(toolchainStatus(env)).toEqual({
      pulumi: fields.pulumi || undefined,
      pulumiVersion: fields.pulumi_version || undefined,
      auth0Provider: fields.auth0_provider || undefined,
      auth0ProviderStatusFile: path.join(PROJECT_DIR, ".tools", "auth0-provider.status"),
    });
  });
});
