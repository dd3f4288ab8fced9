/**
 * Authorization codes (src/oidc/codes.ts) on their own clock: single use and a 10-minute life (RFC 6749 §4.1.2,
 * as the file cites). The endpoints that issue and redeem them are tested at the HTTP level by
 * test/clients/oidc-endpoints.test.ts.
 */
import { describe, expect, it } from "vitest";
import { AuthorizationCodes, CODE_TTL_MS, type CodeGrant } from "../src/oidc/codes";

describe("authorization codes", () => {
  const grant: CodeGrant = {
    client_id: "c",
    redirect_uri: "https://x/",
    user_id: "u",
    session_id: "s",
    auth_time: 1,
    scope: ["openid"],
  };
  it("are good once, and for CODE_TTL_MS (10 minutes) only", () => {
    let now = 1_000_000;
    const codes = new AuthorizationCodes(() => now);
    const once = codes.issue(grant);
    expect(codes.redeem(once)).toEqual(grant);
    expect(codes.redeem(once)).toBeUndefined();
    const late = codes.issue(grant);
    now += CODE_TTL_MS - 1;
    const inTime = codes.issue(grant);
    now += 1;
    expect(codes.redeem(late)).toBeUndefined();
    expect(codes.redeem(inTime)).toEqual(grant);
    expect(CODE_TTL_MS).toBe(600_000);
  });
});
