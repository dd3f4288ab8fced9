/** What the figures were measured on: CPU, cores, memory, load, Node.js and Pulumi versions, date. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** 1, 5 and 15 minute load averages when the bench started: a busy shared machine shows here. */
  loadAverage: string[];
  node: string;
  pulumi: string;
  auth0Provider: boolean;
  /** ISO date and time (UTC) of the start. */
  date: string;
}

function cpuModel(): string {
  try {
    const line = fs
      .readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.slice(line.indexOf(":") + 1).trim();
  } catch {
    // not Linux: fall back to what Node says
  }
  return os.cpus()[0]?.model ?? "unknown CPU";
}

function pulumiVersion(env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim();
  } catch {
    return "not found";
  }
}

export function describeMachine(env: NodeJS.ProcessEnv, auth0Provider: boolean): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)),
    node: process.version,
    pulumi: pulumiVersion(env),
    auth0Provider,
    date: new Date().toISOString(),
  };
}
