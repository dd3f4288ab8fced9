// The bench's probe inside the program's Node.js process (bench/preview.ts adds it to the throwaway copies'
// Pulumi.yaml nodeargs; never part of the project's own runs). It times @pulumi/pulumi/cmd/run's require of the
// program's entry module: the program's own top level (its modules loaded and compiled, config validated,
// components and resources declared). It writes that span's CPU time (user + system) and wall-clock time, in
// milliseconds, to $AUTH0_SESSIONS_STARTUP_PROBE.
//
// Why: the program's start-up is a few hundred milliseconds inside a preview of several seconds, and on a shared
// machine the whole preview's wall clock, like the process's whole CPU (Node.js, TypeScript and ts-node start
// the same for any program), varies by more than that. The span leaves out what every program shares. Without
// the Auth0 plugin the engine kills the program at the first Auth0 resource, so the figure is written when the
// entry module returns, synchronously, before any RPC reply can arrive. Module._load is Node's internal loader:
// fine for bench code, not for the product.
"use strict";
const fs = require("node:fs");
const Module = require("node:module");

const out = process.env.AUTH0_SESSIONS_STARTUP_PROBE;
if (out) {
  const load = Module._load;
  let written = false;
  const cpuMs = () => {
    const cpu = process.cpuUsage();
    return (cpu.user + cpu.system) / 1000;
  };
  Module._load = function (request, parent, isMain) {
    const entry =
      !written &&
      parent &&
      /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run[\\/]run\.js$/.test(parent.filename ?? "") &&
      /\.ts$/.test(request);
    if (!entry) return load.call(this, request, parent, isMain);
    written = true;
    const start = { cpu: cpuMs(), wall: performance.now() };
    const exports = load.call(this, request, parent, isMain);
    fs.writeFileSync(out, JSON.stringify({ cpuMs: cpuMs() - start.cpu, wallMs: performance.now() - start.wall }));
    return exports;
  };
}
