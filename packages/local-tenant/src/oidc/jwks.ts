/**
 * GET /.well-known/jwks.json: the tenant's signing key as a JSON Web Key Set (RFC 7517), the shape Auth0 serves:
 * {"keys": [{kty, use: "sig", n, e, kid, x5t, x5c, alg: "RS256"}]} (Auth0 "JSON Web Key Set Properties").
 *
 * The key is signing-key.pem in the state folder, created on first start and reused: a restart keeps the JWKS, so
 * tokens issued before it still verify (applications cache the set by `kid`). `x5c` is a self-signed certificate
 * for that key, as Auth0 publishes one; it is derived from the key alone (fixed serial, dates and subject, and
 * RSA PKCS#1 v1.5 signatures are deterministic), so it is the same after every restart as well.
 */
import { createHash, type KeyObject } from "node:crypto";
import forge from "node-forge";
import type { SigningKey } from "../auth/keys";

export interface Jwk {
  kty: "RSA";
  use: "sig";
  n: string;
  e: string;
  kid: string;
  x5t: string;
  x5c: string[];
  alg: "RS256";
}

const cache = new WeakMap<KeyObject, Jwk>();

export function jwks(key: SigningKey, tenantName: string): { keys: Jwk[] } {
  let jwk = cache.get(key.publicKey);
  if (!jwk) {
    const { n, e } = key.publicKey.export({ format: "jwk" }) as { n: string; e: string };
    const der = selfSignedCertificate(key, tenantName);
    jwk = {
      kty: "RSA",
      use: "sig",
      n,
      e,
      kid: key.kid,
      x5t: createHash("sha1").update(der).digest("base64url"),
      x5c: [der.toString("base64")],
      alg: "RS256",
    };
    cache.set(key.publicKey, jwk);
  }
  return { keys: [jwk] };
}

function selfSignedCertificate(key: SigningKey, tenantName: string): Buffer {
  const privateKey = forge.pki.privateKeyFromPem(key.privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  cert.serialNumber = `01${key.kid.length.toString(16).padStart(2, "0")}${Buffer.from(key.kid).toString("hex").slice(0, 28)}`;
  cert.validity.notBefore = new Date("2020-01-01T00:00:00Z");
  cert.validity.notAfter = new Date("2040-01-01T00:00:00Z");
  const subject = [{ name: "commonName", value: tenantName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(privateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
}
