/**
 * The local CA and the server certificate, created on first start and reused afterwards.
 *
 * The Auth0 provider only speaks https to its domain, so the tenant needs a certificate a Go client trusts:
 * `<state>/ca.pem` is meant for SSL_CERT_FILE (Go) and NODE_EXTRA_CA_CERTS (Node). Keys come from Node's
 * native generator (fast) and node-forge only assembles and signs the X.509 certificates.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";

export interface TlsMaterial {
  caPemPath: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

const FILES = {
  caCert: "ca.pem",
  caKey: "ca-key.pem",
  serverCert: "server.pem",
  serverKey: "server-key.pem",
};

/** Names the server certificate covers: whatever a client uses to reach a loopback-only server. */
const SERVER_DNS_NAMES = ["localhost"];
const SERVER_IPS = ["127.0.0.1", "::1"];

export async function loadOrCreateTls(stateDir: string): Promise<TlsMaterial> {
  const paths = Object.fromEntries(Object.entries(FILES).map(([k, v]) => [k, join(stateDir, v)])) as typeof FILES;
  const existing = await readAll([paths.caCert, paths.caKey, paths.serverCert, paths.serverKey]);
  if (existing) {
    const [caPem, , certPem, keyPem] = existing as [string, string, string, string];
    return { caPemPath: paths.caCert, caPem, certPem, keyPem };
  }

  const ca = createCa();
  const server = createServerCert(ca);
  // Keys are private to the user; certificates are public.
  await fs.writeFile(paths.caKey, ca.keyPem, { mode: 0o600 });
  await fs.writeFile(paths.serverKey, server.keyPem, { mode: 0o600 });
  await fs.writeFile(paths.serverCert, server.certPem);
  await fs.writeFile(paths.caCert, ca.certPem); // last: its presence means the set is complete
  return { caPemPath: paths.caCert, caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem };
}

async function readAll(files: string[]): Promise<string[] | undefined> {
  try {
    return await Promise.all(files.map((file) => fs.readFile(file, "utf8")));
  } catch {
    return undefined;
  }
}

interface KeyAndCert {
  keyPem: string;
  certPem: string;
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
}

function newRsaKey(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { privateKey: forgeKey, publicKey, pem: privateKey };
}

/** Positive serial numbers: a leading 0x00-0x7f byte keeps the DER integer positive, as RFC 5280 requires. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f;
  return bytes.toString("hex");
}

function validity(cert: forge.pki.Certificate, days: number): void {
  const notBefore = new Date(Date.now() - 60 * 60 * 1000); // tolerate a little clock skew
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + days * 24 * 60 * 60 * 1000);
}

function createCa(): KeyAndCert {
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, 3650);
  const subject = [
    { name: "commonName", value: "auth0-sessions local tenant CA" },
    { name: "organizationName", value: "auth0-sessions (local development only)" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return { key: key.privateKey, keyPem: key.pem, cert, certPem: forge.pki.certificateToPem(cert) };
}

function createServerCert(ca: KeyAndCert): { keyPem: string; certPem: string } {
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = serialNumber();
  // Under 398 days so strict clients (browsers, Apple) also accept it if someone points one at the tenant.
  validity(cert, 397);
  cert.setSubject([{ name: "commonName", value: "localhost" }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        ...SERVER_DNS_NAMES.map((value) => ({ type: 2, value })),
        ...SERVER_IPS.map((ip) => ({ type: 7, ip })),
      ],
    },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { keyPem: key.pem, certPem: forge.pki.certificateToPem(cert) };
}
