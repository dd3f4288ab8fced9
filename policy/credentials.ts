/**
 * Policies that keep credentials out of plaintext: in the stack config (no-plaintext-credentials) and in any
 * resource's inputs (no-hardcoded-credentials).
 */
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { currentStackContext, secretInputPaths, type StackContext } from "./stack-context";

/** Provider config keys that hold credentials: they must be stored encrypted (`pulumi config set --secret`). */
export const CREDENTIAL_CONFIG_KEYS = [
  "auth0:clientSecret",
  "auth0:apiToken",
  "auth0:clientAssertionPrivateKey",
] as const;

export function plaintextConfigViolations(context: StackContext | undefined): string[] {
  if (!context) {
    return [
      "Cannot verify that the Auth0 credentials in the stack config are secrets: the Pulumi engine did not send " +
        "the stack's config to the policy pack (it needs a Pulumi CLI that sends AnalyzerStackConfigure, e.g. 3.246).",
    ];
  }
  return CREDENTIAL_CONFIG_KEYS.filter((key) => context.configKeys.has(key) && !context.secretKeys.has(key)).map(
    (key) =>
      `Stack config ${key} is stored in plaintext in Pulumi.${context.stack}.yaml: remove it and set it with ` +
      `\`pulumi config set --secret ${key} <value> --stack ${context.stack}\`, or pass it to the provider from the ` +
      "environment (AUTH0_CLIENT_SECRET) / a Pulumi ESC environment.",
  );
}

export const noPlaintextCredentials: StackValidationPolicy = {
  name: "no-plaintext-credentials",
  description: "Auth0 credentials in the stack config are secrets (auth0:clientSecret, auth0:apiToken, ...).",
  enforcementLevel: "mandatory",
  validateStack: (_args, reportViolation) => {
    for (const violation of plaintextConfigViolations(currentStackContext())) reportViolation(violation);
  },
};

// ---------------------------------------------------------------------------------------------------------

const CLIENT_SECRET_LIKE = /^[A-Za-z0-9_-]{48,}$/;
const JWT_LIKE = /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;

/** Whether a string looks like a credential: an Auth0 client secret, a Management API token or a private key. */
export function looksLikeCredential(value: string): boolean {
  if (PRIVATE_KEY.test(value) || JWT_LIKE.test(value)) return true;
  return CLIENT_SECRET_LIKE.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
}

/** Property paths of a resource's inputs whose values look like credentials. */
export function credentialPaths(value: unknown, path = ""): string[] {
  if (typeof value === "string") return looksLikeCredential(value) ? [path || "(value)"] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => credentialPaths(item, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      credentialPaths(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/**
 * @param secretInputs paths of the inputs the program marked secret (encrypted in the state, so not plaintext):
 *   a credential at or below one of them is fine.
 */
export function hardcodedCredentialViolations(
  resource: Pick<ResourceValidationArgs, "type" | "name" | "props">,
  secretInputs: ReadonlySet<string> = new Set(),
): string[] {
  const isSecret = (path: string) =>
    [...secretInputs].some(
      (secret) => path === secret || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`),
    );
  return credentialPaths(resource.props)
    .filter((path) => !isSecret(path))
    .map(
      (path) =>
        `${resource.type} "${resource.name}" input ${path} looks like a credential (client secret, API token or private key): ` +
        "keep credentials out of resource inputs and stack files; read them with `config.requireSecret` / Pulumi ESC.",
    );
}

/**
 * Every resource, of any package: a credential can be pasted into any input. Provider resources are left to
 * no-plaintext-credentials, as their credentials come from the stack config. (They cannot be told by class:
 * a provider's engine type is `pulumi:providers:<package>`, not the class's `__pulumiType`, which is the package
 * name, so `isType(auth0.Provider)` never matches.)
 */
export const noHardcodedCredentials: ResourceValidationPolicy = {
  name: "no-hardcoded-credentials",
  description: "No resource input holds a plaintext value that looks like a credential (secret inputs are fine).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type.startsWith("pulumi:providers:")) return;
    for (const violation of hardcodedCredentialViolations(args, secretInputPaths(args.urn))) reportViolation(violation);
  },
};
