/** What every figure group gets from bench/run.ts: the options, the Pulumi environment and a progress log. */
import type { Row } from "./report";

export interface BenchContext {
  /** Fewer runs, for a smoke check of the bench itself. */
  quick: boolean;
  /** toolchain/pulumi-env.sh's environment (offline defaults, .tools/bin on PATH). */
  env: NodeJS.ProcessEnv;
  /** Whether the Auth0 provider plugin of toolchain/versions.env is installed (toolchain/ready.ts). */
  providerInstalled: boolean;
  /** Progress on stderr; the table goes to stdout. */
  log(message: string): void;
}

export interface FigureGroup {
  /** The name `--only` takes. */
  name: string;
  run(context: BenchContext): Promise<Row[]>;
}
