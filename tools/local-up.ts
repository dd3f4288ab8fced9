/**
 * `npm start`: the main job on one machine. Deploys the whole Keep Me Signed In setup into the local tenant and
 * starts the example application on it:
 *
 *   1. makes sure the Pulumi toolchain is there (toolchain/bootstrap.sh, cached) and the Actions are built;
 *   2. starts the local tenant on 127.0.0.1:8443 (state in .local-tenant/) unless it is already running;
 *   3. with the Auth0 provider plugin: `pulumi up --stack local --yes` with the tenant's client credentials and CA
 *      in the environment (never written to a file of the repository), then prints the stack outputs;
 *      without it (as on this project's machines): says that `pulumi up` could not run and why, and deploys the
 *      same resources through the provider stand-in the tests use (tools/provider-stand-in/cli.ts);
 *   4. starts the example application (examples/kmsi-spa) on https://127.0.0.1:3000 unless it is already running,
 *      and prints its URL and the test user.
 *
 * A second run finds the tenant and the app running and the deployment in place, and changes nothing.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { EXAMPLE_HOST, EXAMPLE_PORT } from "../examples/kmsi-spa/app-config";
import { BOOTSTRAP, auth0ProviderInstalled } from "../toolchain/ready";
import { VERSIONS } from "../toolchain/versions";
import { REPO_ROOT, pulumiEnv } from "../toolchain/pulumi-env";

const PORT = 8443; // Pulumi.local.yaml's auth0:domain points here
const STATE_DIR = path.join(REPO_ROOT, ".local-tenant");
const STACK = "local";
const EXAMPLE_URL = `https://${EXAMPLE_HOST}:${EXAMPLE_PORT}`;
/**
 * The seeded user (packages/local-tenant/src/session/seed.json) and its password, for the line that ends
 * `npm start`.
 */
const TEST_USER = "user@example.test / Local-Passw0rd!";

function step(text: string): void {
  console.log(`\n==> ${text}`);
}

function runOrExit(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Answers when `url` responds 200 over TLS with the local CA (the tenant's control plane, the example's config). */
function answers(url: string, caPem: string): Promise<boolean> {
  if (!fs.existsSync(caPem)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const request = https.get(url, { ca: fs.readFileSync(caPem), timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

function tenantIsUp(caPem: string): Promise<boolean> {
  return answers(`https://127.0.0.1:${PORT}/__local/faults`, caPem);
}

/** Starts `args` with tsx, detached (it keeps serving after this command ends), its output in `log`. */
function startDetached(args: string[], log: string): number | undefined {
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", out, out],
  });
  child.unref();
  return child.pid;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 500) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

async function ensureLocalTenant(): Promise<void> {
  const caPem = path.join(STATE_DIR, "ca.pem");
  if (await tenantIsUp(caPem)) {
    console.log(`local tenant already running at https://127.0.0.1:${PORT}`);
    return;
  }
  fs.mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 }); // holds the client secret and keys
  const log = path.join(STATE_DIR, "server.log");
  const pid = startDetached(
    [path.join(REPO_ROOT, "packages", "local-tenant", "src", "cli.ts"), "--port", String(PORT), "--state", STATE_DIR],
    log,
  );
  if (await waitFor(() => tenantIsUp(caPem), 60_000)) {
    console.log(`local tenant started at https://127.0.0.1:${PORT} (pid ${pid}, log ${log})`);
    return;
  }
  console.error(`The local tenant did not start within 60 s; see ${log}`);
  process.exit(1);
}

/** The example application (examples/kmsi-spa) on https://127.0.0.1:3000, with the tenant's certificate. */
async function ensureExampleApp(): Promise<void> {
  const caPem = path.join(STATE_DIR, "ca.pem");
  const up = () => answers(`${EXAMPLE_URL}/config.json`, caPem);
  if (await up()) {
    console.log(`example app already running at ${EXAMPLE_URL}`);
    return;
  }
  const log = path.join(STATE_DIR, "example.log");
  const args = [
    path.join(REPO_ROOT, "examples", "kmsi-spa", "server.ts"),
    "--port",
    String(EXAMPLE_PORT),
    "--tenant",
    `127.0.0.1:${PORT}`,
    "--state",
    STATE_DIR,
  ];
  const pid = startDetached(args, log);
  if (await waitFor(up, 30_000)) {
    console.log(`example app started at ${EXAMPLE_URL} (pid ${pid}, log ${log})`);
    return;
  }
  console.error(`The example app did not start within 30 s; see ${log}`);
  process.exit(1);
}

/**
 * Why `pulumi up` cannot run here, in one sentence, or undefined when it can: the Pulumi CLI missing, or the
 * Auth0 provider plugin (with the reason toolchain/bootstrap.sh recorded).
 */
function whyPulumiUpCannotRun(toolchainOk: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (!toolchainOk) return "the Pulumi toolchain could not be built (see the output of toolchain/bootstrap.sh above)";
  let installed: boolean;
  try {
    installed = auth0ProviderInstalled(env);
  } catch (error) {
    return `\`pulumi plugin ls\` failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  if (installed) return undefined;
  const status = path.join(REPO_ROOT, ".tools", "auth0-provider.status");
  // The status file: "unavailable", "checked: <day> ...", then the reason and the failing modules.
  const reason = fs.existsSync(status)
    ? (fs
        .readFileSync(status, "utf8")
        .split("\n")
        .slice(1)
        .find((line) => line.trim() !== "" && !line.startsWith("checked:"))
        ?.replace(/:\s*$/, "") ?? "")
    : "";
  return `the Auth0 provider plugin (resource auth0 ${VERSIONS.AUTH0_VERSION}) is not installed${reason ? `: ${reason}` : ""}`;
}

/** The same resources as `pulumi up`, through the provider stand-in (tools/provider-stand-in/cli.ts). */
function deployThroughStandIn(env: NodeJS.ProcessEnv): void {
  const summary = path.join(STATE_DIR, "stand-in-summary.json");
  fs.rmSync(summary, { force: true });
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "tools", "provider-stand-in", "cli.ts")],
    {
      cwd: REPO_ROOT,
      env: { ...env, LOCAL_TENANT_STATE: STATE_DIR, LOCAL_TENANT_PORT: String(PORT), STAND_IN_SUMMARY: summary },
      encoding: "utf8",
    },
  );
  if (result.status !== 0 || !fs.existsSync(summary)) {
    // The script's output only matters when the deployment failed.
    process.stderr.write(`${result.stdout}${result.stderr}`);
    console.error("The provider stand-in could not deploy the local stack (output above).");
    process.exit(result.status ?? 1);
  }
  const done = JSON.parse(fs.readFileSync(summary, "utf8")) as {
    alreadyDeployed: boolean;
    customDomains?: string[];
    ids?: Record<string, string>;
    calls?: number;
  };
  if (done.alreadyDeployed) {
    console.log(
      `The local tenant already holds a deployment (custom domain ${done.customDomains!.join(", ")}); the stand-in creates and never updates,`,
    );
    console.log(
      "so it is left as it is. To deploy again from scratch: stop the tenant, delete .local-tenant/ and run npm start.",
    );
  } else {
    console.log(`Created through the Management API (${done.calls} calls):`);
    for (const [name, id] of Object.entries(done.ids ?? {})) console.log(`  ${name}: ${id}`);
  }
}

/** Debian's (and most Linux systems') CA bundle with the local CA appended, in the state folder. */
function writeCaBundle(): string {
  const system = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"].find(
    (file) => fs.existsSync(file),
  );
  const bundle = path.join(STATE_DIR, "ca-bundle.pem");
  const local = fs.readFileSync(path.join(STATE_DIR, "ca.pem"), "utf8");
  fs.writeFileSync(bundle, `${system ? fs.readFileSync(system, "utf8") : ""}\n${local}`);
  return bundle;
}

async function main(): Promise<void> {
  step("Pulumi toolchain");
  const toolchain = spawnSync("bash", [BOOTSTRAP, "--quiet"], { cwd: REPO_ROOT, stdio: "inherit" });
  // The local stack stores no secrets (credentials come from the environment): the local passphrase is enough.
  const env = pulumiEnv(process.env, { localPassphrase: true });

  step("Action bundles");
  runOrExit(process.execPath, [path.join(REPO_ROOT, "tools", "build-actions.mjs")], env);

  step("Local tenant");
  await ensureLocalTenant();

  const why = whyPulumiUpCannotRun(toolchain.status === 0, env);
  if (why === undefined) {
    pulumiUp(env);
  } else {
    step("Provider stand-in (pulumi up could not run)");
    console.log(`\`pulumi up --stack ${STACK}\` could not run: ${why}.`);
    console.log("Deploying the same resources into the local tenant through the provider stand-in instead: the Pulumi");
    console.log("program runs under Pulumi's mocks and each resource it declares is created with the Management API");
    console.log("requests the Auth0 provider sends (tools/provider-stand-in/deploy.ts). With the plugin installed");
    console.log(
      `(\`pulumi plugin install resource auth0 ${VERSIONS.AUTH0_VERSION}\`), npm start runs \`pulumi up\` instead.\n`,
    );
    deployThroughStandIn(env);
  }

  step("Example application");
  await ensureExampleApp();
  console.log(`\nManagement API: https://127.0.0.1:${PORT}/api/v2/  (CA: ${STATE_DIR}/ca.pem)`);
  console.log(`\nOpen ${EXAMPLE_URL} and log in as ${TEST_USER}`);
  console.log(
    `(the certificates come from the local CA ${STATE_DIR}/ca.pem: trust it in the browser, or accept the warning).`,
  );
}

/** The deployment with the real engine and provider. */
function pulumiUp(env: NodeJS.ProcessEnv): void {
  const client = JSON.parse(fs.readFileSync(path.join(STATE_DIR, "client.json"), "utf8")) as {
    client_id: string;
    client_secret: string;
  };
  const deployEnv: NodeJS.ProcessEnv = {
    ...env,
    // The provider reads its credentials from these when the stack config has none; nothing is stored.
    AUTH0_CLIENT_ID: client.client_id,
    AUTH0_CLIENT_SECRET: client.client_secret,
    // The system's roots plus the local CA: SSL_CERT_FILE replaces Go's roots, and a cloud backend needs them.
    SSL_CERT_FILE: writeCaBundle(),
  };
  step(`pulumi up --stack ${STACK}`);
  // Created when missing, never `stack select`ed: the developer's current stack stays what it was.
  const listed = spawnSync("pulumi", ["stack", "ls", "--json"], { cwd: REPO_ROOT, env, encoding: "utf8" });
  const stacks = listed.status === 0 ? (JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name) : [];
  if (!stacks.includes(STACK)) {
    runOrExit("pulumi", ["stack", "init", STACK, "--no-select", "--non-interactive"], env);
  }
  runOrExit("pulumi", ["up", "--stack", STACK, "--yes", "--non-interactive"], deployEnv);

  step("What was created");
  runOrExit("pulumi", ["stack", "output", "--stack", STACK], env);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
