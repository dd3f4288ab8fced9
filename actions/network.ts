/**
 * Canonical forms of the network identifiers that risk's binding compares, so that one address or network
 * written two ways is never mistaken for a change.
 *
 * Written here rather than taken from node:net: the bundle must stay self-contained (tools/build-actions.mjs
 * refuses every non-relative import, Node built-ins included), and node:net would not canonicalise anyway (it
 * only answers whether a string is an address). Anything that does not parse is `undefined`, which the caller
 * treats as "cannot compare": garbage never revokes a session.
 */

/** The largest 4-octet AS number (RFC 6793). */
const MAX_ASN = 0xffff_ffff;
const MAX_ASN16 = 0xffff;

/**
 * The AS number as an integer, from a number (64500) or a string in any of the spellings in use: "64500",
 * "AS64500" (any case), or asdot "1.10" / "AS1.10" (RFC 5396: high.low of a 4-octet ASN, 65546). Auth0
 * documents `event.request.asn` and `event.session.device.initial_asn` as strings without giving their format;
 * the seed's own example (seed 003) compares them with `!=`, which already equates "64500" and 64500.
 */
export function canonicalAsn(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isInteger(raw) && raw >= 0 && raw <= MAX_ASN ? raw : undefined;
  if (typeof raw !== "string") return undefined;
  const plain = /^(?:AS)?([0-9]{1,10})$/i.exec(raw);
  if (plain) {
    const value = Number(plain[1]);
    return value <= MAX_ASN ? value : undefined;
  }
  const asdot = /^(?:AS)?([0-9]{1,5})\.([0-9]{1,5})$/i.exec(raw);
  if (asdot) {
    const high = Number(asdot[1]);
    const low = Number(asdot[2]);
    return high <= MAX_ASN16 && low <= MAX_ASN16 ? high * 0x1_0000 + low : undefined;
  }
  return undefined;
}

/**
 * The canonical text of an IP address: IPv4 in dotted decimal; IPv6 as RFC 5952 recommends (lowercase, no
 * leading zeros, the longest run of two or more zero groups as `::`); an IPv4-mapped IPv6 address
 * (`::ffff:203.0.113.7`, also written `::FFFF:cb00:7107`) as its IPv4 address, because it is one: a dual-stack
 * front end reports the same client either way.
 *
 * Strict on purpose: IPv4 parts with leading zeros ("010.0.0.1" is octal to some parsers), zone ids, brackets,
 * ports and surrounding spaces are not addresses here.
 */
export function canonicalIp(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const v4 = parseIPv4(raw);
  if (v4) return v4.join(".");
  const groups = parseIPv6(raw);
  if (!groups) return undefined;
  const [, , , , , , g6 = 0, g7 = 0] = groups;
  if (isIPv4Mapped(groups)) return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join(".");
  return formatIPv6(groups);
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255) return undefined;
    bytes.push(byte);
  }
  return bytes;
}

/** The eight 16-bit groups of an IPv6 address, or undefined. */
function parseIPv6(text: string): number[] | undefined {
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (lastColon < 0) return undefined;
  if (text.includes(".", lastColon)) {
    // An embedded IPv4 address stands for the last two groups (RFC 4291 2.2, form 3).
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    tail = [(a << 8) | b, (c << 8) | d];
    head = text.slice(0, lastColon + 1);
    // Keep a trailing "::" (it may stand for zero groups before the IPv4 part); drop a single separator.
    if (!head.endsWith("::")) head = head.slice(0, -1);
  }
  const [before = "", after, ...more] = head.split("::");
  if (more.length > 0) return undefined;
  const left = hextets(before);
  if (!left) return undefined;
  if (after === undefined) {
    const groups = [...left, ...tail];
    return groups.length === 8 ? groups : undefined;
  }
  const right = hextets(after);
  if (!right) return undefined;
  const given = left.length + right.length + tail.length;
  // "::" stands for at least one group of zeros.
  if (given > 7) return undefined;
  return [...left, ...new Array<number>(8 - given).fill(0), ...right, ...tail];
}

function hextets(text: string): number[] | undefined {
  if (text === "") return [];
  const groups: number[] = [];
  for (const part of text.split(":")) {
    if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

/** ::ffff:0:0/96 (RFC 4291 2.5.5.2). */
function isIPv4Mapped(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
}

/** RFC 5952 section 4 text of eight groups. */
function formatIPv6(groups: readonly number[]): string {
  // The longest run of two or more zero groups; the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = (list: readonly number[]) => list.map((group) => group.toString(16)).join(":");
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
