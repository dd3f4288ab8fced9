/**
 * `npm start`: the main job on one machine. Deploys the whole Keep Me Signed In setup into the local tenant:
 *
 *   1. makes sure the Pulumi toolchain is there (toolchain/bootstrap.sh, cached) and the Actions are built;
 *   2. starts the local tenant on 127.0.0.1:8443 (state in .local-tenant/) unless it is already running;
 *   3. runs `pulumi up --stack local --yes` with the tenant's client credentials and CA in the environment
 *      (never written to a file of the repository);
 *   4. prints what was created: the custom domain's DNS records, the Action ids, and where the login page is.
 *
 * A second run finds the tenant running and the stack up to date: `pulumi up` changes nothing.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import { BOOTSTRAP, toolchainStatus } from "../toolchain/ready";
import { VERSIONS } from "../toolchain/versions";
import { REPO_ROOT, pulumiEnv } from "./pulumiEnv";

const PORT = 8443; // Pulumi.local.yaml's auth0:domain points here
const STATE_DIR = path.join(REPO_ROOT, ".local-tenant");
const STACK = "local";

function step(text: string): void {
  console.log(`\n==> ${text}`);
}

function runOrExit(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Answers when the local tenant's control plane responds over TLS with its own CA. */
function tenantIsUp(caPem: string): Promise<boolean> {
  if (!fs.existsSync(caPem)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const request = https.get(
      { host: "127.0.0.1", port: PORT, path: "/__local/faults", ca: fs.readFileSync(caPem), timeout: 2000 },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.on("error", () => resolve(false));
    request.on("timeout", () => request.destroy());
  });
}

async function ensureLocalTenant(): Promise<void> {
  const caPem = path.join(STATE_DIR, "ca.pem");
  if (await tenantIsUp(caPem)) {
    console.log(`local tenant already running at https://127.0.0.1:${PORT}`);
    return;
  }
  fs.mkdirSync(STATE_DIR, { recursive: true, mode: 0o700 }); // holds the client secret and keys
  const log = fs.openSync(path.join(STATE_DIR, "server.log"), "a");
  // Detached, so the tenant keeps serving the login page after this command ends.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "local-tenant", "cli.ts"), "--port", String(PORT), "--state", STATE_DIR],
    { cwd: REPO_ROOT, detached: true, stdio: ["ignore", log, log] },
  );
  child.unref();
  for (let waited = 0; waited < 60_000; waited += 500) {
    if (await tenantIsUp(caPem)) {
      console.log(`local tenant started at https://127.0.0.1:${PORT} (pid ${child.pid}, log ${STATE_DIR}/server.log)`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`The local tenant did not start within 60 s; see ${STATE_DIR}/server.log`);
  process.exit(1);
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
  runOrExit("bash", [BOOTSTRAP, "--quiet"], process.env);
  // The local stack stores no secrets (credentials come from the environment): the local passphrase is enough.
  const env = pulumiEnv(process.env, { localPassphrase: true });

  step("Action bundles");
  runOrExit(process.execPath, [path.join(REPO_ROOT, "scripts", "build-actions.mjs")], env);

  step("Local tenant");
  await ensureLocalTenant();
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

  const toolchain = toolchainStatus(env);
  if (!toolchain.auth0Provider) {
    const status = toolchain.auth0ProviderStatusFile;
    console.error(
      `\nThe Auth0 provider plugin (resource auth0 ${VERSIONS.AUTH0_VERSION}) is not installed, so \`pulumi up\` cannot run.\n` +
        `Install it the normal way (\`pulumi plugin install resource auth0 ${VERSIONS.AUTH0_VERSION}\`) or let\n` +
        "toolchain/bootstrap.sh --retry-provider try again" +
        (fs.existsSync(status) ? `; why it is missing here: ${status}` : "") +
        ".\nThe local tenant is running; everything else is ready.",
    );
    process.exit(1);
  }

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
  console.log(`\nManagement API: https://127.0.0.1:${PORT}/api/v2/  (CA: ${STATE_DIR}/ca.pem)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
