/**
 * The bench's preview group still measures what it claims with the program as it is (not how fast: figures come
 * from `npm run bench`). It broke once unnoticed: when the program began reading the tenant before declaring, a
 * run without the provider plugin stopped at that read and every row of the group failed. This runs the group
 * in --quick mode through the real engine and checks each row's status and shape.
 */
import { describe, expect, it } from "vitest";
import type { BenchContext } from "../../bench/context";
import { previewGroup } from "../../bench/preview";
import { BLOCKED_PROVIDER } from "../../bench/report";
import { pulumiEnv } from "../../toolchain/pulumi-env";
import { auth0ProviderInstalled } from "../../toolchain/ready";

const env = pulumiEnv();
const providerInstalled = auth0ProviderInstalled(env);
const context: BenchContext = { quick: true, env, providerInstalled, log: () => {} };

describe("bench group preview (--quick)", () => {
  it("measures every row: no failure, the start-up rows from both stacks' pairs", { timeout: 300_000 }, async () => {
    const rows = await previewGroup.run(context);
    const perStack = (stack: string) =>
      providerInstalled
        ? [[`\`pulumi preview\` of ${stack}`, "measured", undefined]]
        : [
            [`\`pulumi preview\` of ${stack}`, "blocked", BLOCKED_PROVIDER],
            [
              expect.stringMatching(new RegExp(`^NOT a preview: real engine runs our program for ${stack} `)),
              "measured",
              undefined,
            ],
          ];
    expect(rows.map((row) => [row.figure, row.status, row.note?.startsWith("goal") ? undefined : row.note])).toEqual([
      ...perStack("dev"),
      ...perStack("prod"),
      ["program start-up over empty program", "measured", undefined],
      ["program start-up over empty program, CPU of the program's own work", "measured", undefined],
    ]);
    // --quick: 2 pairs for each of the two stacks; the CPU of our program's own work is real and above the empty
    // program's (which declares nothing), whatever the machine's speed.
    const cpu = rows[rows.length - 1];
    expect(cpu.value?.n).toBe(4);
    expect(cpu.value?.min).toBeGreaterThan(0);
    expect(cpu.note).toMatch(/^goal ≤ 0\.25 s: (met|NOT met)$/);
    expect(cpu.floor?.value?.median).toBeLessThan(cpu.value?.min ?? 0);
  });
});
