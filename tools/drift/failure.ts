/**
 * Why a drift check failed, in one line. Pure: takes the error diagnostics the engine reported and the CLI's
 * stderr, returns a kind and a message a person can act on.
 *
 * The patterns are the wording of the tools involved: our config validation (config/problems.ts ConfigError),
 * the Pulumi engine and backends (3.246), the Auth0 Terraform provider the Pulumi provider is generated from
 * (configuration diagnostics), go-auth0 / golang.org/x/oauth2 (token errors) and Go's net/http (network errors).
 */

export type FailureKind =
  | "invalid-config"
  | "missing-plugin"
  | "stack-not-found"
  | "stack-locked"
  | "pulumi-backend"
  | "secrets"
  | "missing-credentials"
  | "missing-scope"
  | "bad-credentials"
  | "unreachable-tenant"
  | "pulumi-cli"
  | "other";

export interface Failure {
  kind: FailureKind;
  message: string;
}

export interface FailureContext {
  /** Where the stacks live, for a "no stack named" message. */
  backendUrl?: string;
}

const CONFIG_HEADER = /Invalid auth0-sessions stack config \(\d+ problems?\):/;
const PROBLEM_LINE = /^\S.* — .+$/;

/**
 * @param texts the messages of the engine's error diagnostics, then the CLI's stderr and the error's own message;
 *   searched in that order, so the engine's own words win over a generic wrapper.
 */
export function classifyFailure(texts: readonly string[], context: FailureContext = {}): Failure {
  const all = texts.filter((t) => t && t.trim() !== "");
  const find = (pattern: RegExp): string | undefined => {
    for (const text of all) {
      for (const line of text.split(/\r?\n/)) if (pattern.test(line)) return clean(line);
    }
    return undefined;
  };

  // 1. Our config validation: pass the message through, each problem on the same line.
  for (const text of all) {
    const lines = text.split(/\r?\n/);
    const at = lines.findIndex((line) => CONFIG_HEADER.test(line));
    if (at < 0) continue;
    const header = lines[at].slice(lines[at].search(CONFIG_HEADER)).trim();
    const problems: string[] = [];
    for (const line of lines.slice(at + 1)) {
      if (!PROBLEM_LINE.test(line)) break;
      problems.push(line.trim());
    }
    return { kind: "invalid-config", message: [header, problems.join("; ")].filter(Boolean).join(" ") };
  }
  // The engine's own config checks (types declared in Pulumi.yaml, required keys).
  const engineConfig = find(/configuration key '[^']+' (must be|is)|[Mm]issing required configuration variable/);
  if (engineConfig) return { kind: "invalid-config", message: stripPrefix(engineConfig) };

  // 2. Toolchain and backend.
  const plugin = find(/no resource plugin '(pulumi-resource-)?[\w-]+' found/);
  if (plugin) {
    const match =
      /no resource plugin '(?:pulumi-resource-)?([\w-]+)' found(?: in the workspace)?(?: at version v?([\w.+-]+))?/.exec(
        plugin,
      );
    const name = match?.[1] ?? "";
    const version = match?.[2];
    const label = name === "auth0" ? "Auth0 provider plugin" : `Pulumi provider plugin ${name}`;
    return {
      kind: "missing-plugin",
      message:
        `${label} (resource ${name}${version ? ` v${version}` : ""}) is not installed: ` +
        `run \`npm run pulumi -- plugin install resource ${name}${version ? ` ${version}` : ""}\`, or let Pulumi ` +
        "download it (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=false)",
    };
  }
  const noStack = find(/no stack named '[^']+' found/);
  if (noStack) {
    const name = /no stack named '([^']+)'/.exec(noStack)?.[1] ?? "";
    const where = context.backendUrl ? ` in the Pulumi backend ${context.backendUrl}` : "";
    return {
      kind: "stack-not-found",
      message: `no stack named '${name}'${where}: check the stack name, PULUMI_BACKEND_URL and the organization`,
    };
  }
  const locked = find(/Another update is currently in progress|the stack is currently locked by/);
  if (locked)
    return { kind: "stack-locked", message: `the stack is being updated by someone else: ${stripPrefix(locked)}` };
  const pulumiCli = find(
    /spawn pulumi ENOENT|pulumi: (command )?not found|Failed to get Pulumi version|could not find pulumi/i,
  );
  if (pulumiCli) {
    return {
      kind: "pulumi-cli",
      message: `the Pulumi CLI is not available: ${stripPrefix(pulumiCli)} (run bash toolchain/bootstrap.sh)`,
    };
  }
  const backend = find(
    /PULUMI_ACCESS_TOKEN|pulumi login|api\.pulumi\.com|getting user info|\[401\] Unauthorized|invalid access token/,
  );
  if (backend) return { kind: "pulumi-backend", message: `cannot use the Pulumi backend: ${stripPrefix(backend)}` };
  const secrets = find(/passphrase|failed to decrypt|decrypting secret|secrets manager/i);
  if (secrets) return { kind: "secrets", message: `cannot decrypt the stack's secrets: ${stripPrefix(secrets)}` };

  // 3. Auth0: credentials, scopes, reachability.
  const missingCredentials = find(
    /Missing environment variables|Missing required configuration|AUTH0_DOMAIN is required|When 'AUTH0_CLIENT_ID' is provided/,
  );
  if (missingCredentials) {
    return {
      kind: "missing-credentials",
      message: `Auth0 credentials are not set (AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or auth0:clientId and secret auth0:clientSecret): ${stripPrefix(missingCredentials)}`,
    };
  }
  const scope = find(/Insufficient scope|insufficient_scope/);
  if (scope) {
    return { kind: "missing-scope", message: `the Auth0 client lacks Management API scopes: ${stripPrefix(scope)}` };
  }
  const credentials = find(/oauth2:|access_denied|invalid_client|unauthorized_client|Unauthorized|invalid_grant/);
  if (credentials) {
    return {
      kind: "bad-credentials",
      message: `Auth0 rejected the client credentials (AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET): ${stripPrefix(credentials)}`,
    };
  }
  const network = find(
    /no such host|connection refused|i\/o timeout|dial tcp|TLS handshake|x509:|certificate signed by unknown authority|context deadline exceeded|network is unreachable|connection reset by peer/,
  );
  if (network)
    return { kind: "unreachable-tenant", message: `the Auth0 tenant is unreachable: ${stripPrefix(network)}` };

  const first = find(/error/i) ?? find(/\S/) ?? "the preview failed without a message";
  return { kind: "other", message: stripPrefix(first) };
}

/** One line, collapsed whitespace, at most 400 characters. */
function clean(line: string): string {
  const text = line.replace(/\s+/g, " ").trim();
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

function stripPrefix(line: string): string {
  return line.replace(/^(error|Error|warning):\s*/, "");
}
