/**
 * npm run adopt -- --stack <name> [--write] [--cwd <dir>]
 */
// The command itself (the SDK, the schema) is loaded only once the arguments are known to be right.
import { runCli } from "../tenant/cli";

export const ADOPT_HELP = `usage: npm run adopt -- --stack <name> [--write] [--cwd <dir>]

Reads the stack's Auth0 tenant (GET requests only) and prints what it takes to manage it with this project:
  - the diff of the stack's auth0-sessions: config that reproduces the tenant (validated by the schema);
  - the pulumi import file: our resource names, their parent components and the ids found;
  - a summary: found, will be imported, will be created, could not be inferred (Action secret values and the
    plan are not readable: taken from the stack file, else the defaults), what pulumi up will change, conflicts.

  --stack <name>  the stack: Pulumi.<name>.yaml (it may not exist yet)
  --write         write the auth0-sessions: keys into Pulumi.<name>.yaml (other keys and comments kept), the
                  tenant's page template (templates/<name>.liquid unless the configured file already holds it)
                  and Pulumi.<name>.import.json; without it nothing is written
  --cwd <dir>     the Pulumi project directory (default: this repository)

Credentials: AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET, else auth0:domain, auth0:clientId and
auth0:clientSecret from the stack config (secrets decrypted with pulumi config --show-secrets). A tenant with a
private CA: NODE_EXTRA_CA_CERTS=<ca.pem>. Progress goes to stderr, results to stdout.

Exit status: 0 done, 1 conflicts, a config the schema refuses, or the tenant could not be read (nothing written).
`;

if (require.main === module) {
  // `void`: runCli catches every failure itself (a message on stderr) and resolves with the exit status.
  void runCli("adopt", process.argv.slice(2), "--write", ADOPT_HELP, async (args, options) =>
    (await import("./adopt")).adopt({ ...options, write: args.flag }),
  ).then((code) => {
    process.exitCode = code;
  });
}
