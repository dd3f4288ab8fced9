/** The bench's command line: `--quick`, `--only <group>[,<group>]` (repeatable), `--out <file>`. */

export const USAGE = "usage: npm run bench -- [--quick] [--only <group>[,<group>...]] [--out <file.json>]";

export interface BenchOptions {
  quick: boolean;
  /** Groups to run; empty means all. */
  only: string[];
  /** Where the JSON goes; relative to the repository. */
  out: string;
}

export function parseOptions(argv: readonly string[], groups: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, only: [], out: "bench/results.json" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    switch (flag) {
      case "--quick":
        options.quick = true;
        break;
      case "--only":
        for (const name of value().split(",").filter(Boolean)) {
          if (!groups.includes(name))
            throw new Error(`--only: unknown group "${name}"; one of ${groups.join(", ")}\n${USAGE}`);
          if (!options.only.includes(name)) options.only.push(name);
        }
        break;
      case "--out":
        options.out = value();
        break;
      default:
        throw new Error(`unknown argument: ${arg}\n${USAGE}`);
    }
  }
  return options;
}
