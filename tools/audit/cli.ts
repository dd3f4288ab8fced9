/**
 * npm run audit -- --stack <name> [--json] [--cwd <dir>]
 */
// The command itself (the SDK, the schema) is loaded only once the arguments are known to be right.
import { runCli } from "../tenant/cli";

export const AUDIT_HELP = `usage: npm run audit -- --stack <name> [--json] [--cwd <dir>]

Checks the stack's live Auth0 tenant against its config where Pulumi's refresh does not look (GET requests only):
  - each of our Actions (kmsi, risk) exists once, has all changes deployed, holds exactly our secret names, and
    no secret was updated after the stack's last pulumi up (from pulumi stack history; "not checked" without it);
  - the custom domain is ready, with a provisioned certificate when Auth0 manages it;
  - the ulp-remember-me checkbox partial is on the configured flow's prompt only;
  - the post-login binding is risk, kmsi, then exactly actions.keepBound;
  - the page template has its required tags;
  - posture: default cookie non-persistent while Keep Me Signed In is on, lifetimes within the plan.

  --stack <name>  the stack (Pulumi.<name>.yaml)
  --json          the rows as JSON on stdout instead of the table
  --cwd <dir>     the Pulumi project directory (default: this repository)

Credentials: AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, else auth0:domain, auth0:clientId and
auth0:clientSecret from the stack config. A tenant with a private CA: NODE_EXTRA_CA_CERTS=<ca.pem>.

Exit status: 0 no finding, 2 findings, 1 could not check (invalid config, no credentials, tenant unreadable).
`;

if (require.main === module) {
  // `void`: runCli catches every failure itself (a message on stderr) and resolves with the exit status.
  void runCli("audit", process.argv.slice(2), "--json", AUDIT_HELP, async (args, options) =>
    (await import("./audit")).audit({ ...options, json: args.flag }),
  ).then((code) => {
    process.exitCode = code;
  });
}
