/**
 * Who is on the other end of a login request: IP, ASN, user agent, host name (event.request.* and
 * event.session.device.*).
 *
 * Everything arrives over loopback here, so tests simulate networks with two request headers the local tenant
 * trusts (it listens on 127.0.0.1 only, and real Auth0 never reads them):
 * - `x-local-ip`: the client IP (otherwise the socket address, "127.0.0.1");
 * - `x-local-asn`: the autonomous system number Auth0 would look up for that IP (otherwise none: there is no ASN
 *   database here, and a loopback address has no ASN on Auth0 either).
 * Real Auth0 takes the IP from the connection, or from the custom domain's `custom_client_ip_header` behind a
 * proxy, and derives the ASN itself.
 */
import { isIP } from "node:net";
import type { ClientRequest } from "../http/router";

export const IP_HEADER = "x-local-ip";
export const ASN_HEADER = "x-local-asn";

export interface ClientNetwork {
  ip: string;
  asn?: string;
  user_agent?: string;
  hostname: string;
}

export function clientNetwork(request: ClientRequest): ClientNetwork {
  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  const ipHeader = header(IP_HEADER);
  const ip = ipHeader !== undefined && isIP(ipHeader) !== 0 ? ipHeader : unmapped(request.remoteAddress ?? "127.0.0.1");
  const asnHeader = header(ASN_HEADER);
  const asn =
    asnHeader !== undefined && /^(?:AS)?\d{1,10}$/i.test(asnHeader) ? asnHeader.replace(/^AS/i, "") : undefined;
  const result: ClientNetwork = { ip, hostname: hostName(header("host")) };
  if (asn !== undefined) result.asn = asn;
  const userAgent = header("user-agent");
  if (userAgent !== undefined) result.user_agent = userAgent;
  return result;
}

/** "::ffff:127.0.0.1" → "127.0.0.1", as Auth0 reports IPv4 clients. */
function unmapped(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** The Host header without the port ("127.0.0.1:8443" → "127.0.0.1", "[::1]:8443" → "::1"). */
function hostName(host: string | undefined): string {
  if (host === undefined) return "127.0.0.1";
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  return host.replace(/:\d+$/, "");
}
