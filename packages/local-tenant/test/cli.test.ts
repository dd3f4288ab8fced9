/** The CLI (`npm run local-tenant`): starts, prints where it listens and how to configure the provider, stops on SIGTERM. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempStateDirs, tempStateDir } from "./helpers/tenant";

afterAll(removeTempStateDirs);

describe("local-tenant CLI", () => {
  it("prints its URL and provider settings when ready and exits cleanly on SIGTERM", async () => {
    const stateDir = tempStateDir();
    const repoRoot = resolve(__dirname, "..", "..", "..");
    const proc = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "packages/local-tenant/src/cli.ts",
        "--port",
        "0",
        "--state",
        stateDir,
        "--plan",
        "self-service",
      ],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((ready, fail) => {
      proc.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready at (https:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match && output.includes("plan self-service")) ready(match[1]);
      });
      proc.once("exit", (code) => fail(new Error(`CLI exited early (${code}): ${output}`)));
    });
    const client = JSON.parse(readFileSync(join(stateDir, "client.json"), "utf8"));
    expect(output).toContain(`auth0:clientId      ${client.client_id}`);
    expect(output).toContain(join(stateDir, "ca.pem"));

    const status = await new Promise<number>((done, fail) => {
      request(`${url}/__local/faults`, { ca: readFileSync(join(stateDir, "ca.pem")), agent: false }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      })
        .on("error", fail)
        .end();
    });
    expect(status).toBe(200);

    const exit = new Promise<number | null>((done) => proc.once("exit", done));
    proc.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(output).toContain("stopping the local tenant");
  }, 60_000);
});
