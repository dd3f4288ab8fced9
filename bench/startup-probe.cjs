// The bench's probe inside the program's Node.js process (bench/preview.ts adds it to the throwaway copies'
// Pulumi.yaml nodeargs; never part of the project's own runs). It times the program's own work: @pulumi/pulumi's
// cmd/run requiring the program's entry module (its modules loaded and compiled, config validated) and, when the
// entry exports a function (our program is async: it reads the tenant, then declares), that function's run until
// its promise settles (components and resources declared). It writes that CPU time (user + system) and the
// wall-clock time, in milliseconds, to $AUTH0_SESSIONS_STARTUP_PROBE. The gap between the two spans (cmd/run's own
// engine checks) is left out, as it is the same for any program.
//
// Why: the program's start-up is a few hundred milliseconds inside a preview of several seconds, and on a shared
// machine the whole preview's wall clock, like the process's whole CPU (Node.js, TypeScript and ts-node start
// the same for any program), varies by more than that. The spans leave out what every program shares.
//
// Without the Auth0 plugin the engine cannot answer the program's reads (auth0.getTenant, auth0.getAction), and
// the program would stop there, before declaring anything. So when $AUTH0_SESSIONS_STARTUP_INVOKES names a JSON
// file of answers ({ "<invoke token>": <result> }, written by bench/preview.ts from the provider stand-in's
// fresh tenant), the probe answers those invokes in the process, as the data source would for a fresh tenant, and
// the program goes on to declare its components; the engine then stops it at the first Auth0 resource. Invokes
// without an answer go to the engine as usual. Module._load and the runtime's invoke export are internals: fine
// for bench code, not for the product.
"use strict";
const fs = require("node:fs");
const Module = require("node:module");

const out = process.env.AUTH0_SESSIONS_STARTUP_PROBE;
const answersFile = process.env.AUTH0_SESSIONS_STARTUP_INVOKES;

const cpuMs = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
};

/** Answers the invokes `answers` lists, in this process; the others go to the engine. */
function answerInvokes(answers, parent) {
  const runtimeInvoke = require(require.resolve("@pulumi/pulumi/runtime/invoke", { paths: [parent.path] }));
  const invoke = runtimeInvoke.invoke;
  if (typeof invoke !== "function") throw new Error("startup-probe: @pulumi/pulumi/runtime/invoke has no invoke()");
  // @pulumi/auth0's data sources call pulumi.runtime.invoke, which reads this export through a getter.
  runtimeInvoke.invoke = function (token, ...rest) {
    return Object.hasOwn(answers, token) ? Promise.resolve(answers[token]) : invoke.call(this, token, ...rest);
  };
}

if (out) {
  const load = Module._load;
  let seen = false;
  Module._load = function (request, parent, isMain) {
    const entry =
      !seen &&
      parent &&
      /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run[\\/]run\.js$/.test(parent.filename ?? "") &&
      /\.ts$/.test(request);
    if (!entry) return load.call(this, request, parent, isMain);
    seen = true;
    if (answersFile) answerInvokes(JSON.parse(fs.readFileSync(answersFile, "utf8")), parent);
    const spent = { cpuMs: 0, wallMs: 0 };
    const write = () => fs.writeFileSync(out, JSON.stringify(spent));
    const timed = (work, then) => {
      const start = { cpu: cpuMs(), wall: performance.now() };
      const stop = () => {
        spent.cpuMs += cpuMs() - start.cpu;
        spent.wallMs += performance.now() - start.wall;
      };
      const result = work();
      if (!(result instanceof Promise)) {
        stop();
        then();
        return result;
      }
      // Written whether the program's promise resolves or rejects; the rejection itself goes on to cmd/run.
      return result.finally(() => {
        stop();
        then();
      });
    };
    const exports = timed(
      () => load.call(this, request, parent, isMain),
      () => {},
    );
    if (typeof exports !== "function") {
      write();
      return exports;
    }
    return function program(...args) {
      return timed(() => exports.apply(this, args), write);
    };
  };
}
