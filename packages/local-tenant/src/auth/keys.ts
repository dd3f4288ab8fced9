/**
 * Secrets the tenant keeps in its state folder, created on first start:
 * - `client.json`: the machine-to-machine client ({client_id, client_secret}) the provider authenticates with;
 * - `signing-key.pem`: the RSA key access tokens are signed with (RS256, like Auth0's tenant keys).
 */
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
  createPrivateKey,
} from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";

export interface ClientCredentials {
  client_id: string;
  client_secret: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Key id in token headers and the JWKS, derived from the public key so it is stable across restarts. */
  kid: string;
}

export async function loadOrCreateClient(stateDir: string): Promise<ClientCredentials> {
  const file = join(stateDir, "client.json");
  try {
    const parsed = JSON.parse(await fs.readFile(file, "utf8")) as Partial<ClientCredentials>;
    if (typeof parsed.client_id === "string" && typeof parsed.client_secret === "string") {
      return { client_id: parsed.client_id, client_secret: parsed.client_secret };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // Auth0 client ids are 32 alphanumerics and secrets 64 url-safe characters.
  const client: ClientCredentials = {
    client_id: randomBytes(24).toString("base64url").replace(/[-_]/g, "x").slice(0, 32),
    client_secret: randomBytes(48).toString("base64url"),
  };
  await fs.writeFile(file, `${JSON.stringify(client, null, 2)}\n`, { mode: 0o600 });
  return client;
}

export async function loadOrCreateSigningKey(stateDir: string): Promise<SigningKey> {
  const file = join(stateDir, "signing-key.pem");
  let pem: string;
  try {
    pem = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    await fs.writeFile(file, pem, { mode: 0o600 });
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: "spki", format: "der" });
  const kid = createHash("sha256").update(der).digest("base64url").slice(0, 22);
  return { privateKey, publicKey, kid };
}
