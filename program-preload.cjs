// Preloaded into the Pulumi program's Node.js process (Pulumi.yaml: runtime.options.nodeargs "--require"), before
// @pulumi/pulumi and the program load. It makes two start-up costs lazy and changes no behaviour.
//
// Why: any program that uses a provider SDK loads @pulumi/pulumi's whole index (@pulumi/auth0 requires it in
// every resource file), and an empty program does not. Measured in the program's process (CPU, before -> after):
// that index cost about 0.5 s, now about 0.03 s; the program's whole start-up over an empty one went from about
// 0.9 s to 0.6 s of CPU on a busy 2-core machine (README, "Performance"). Most of the index's cost was modules no
// program the CLI runs ever uses while it declares resources:
//   - @npmcli/arborist, normalize-package-data, fdir: required by runtime/closure/codePaths.js, used only to find
//     the packages a serialized function needs (pulumi.runtime.computeCodePaths: function serialization, dynamic
//     providers, cloud callbacks). Arborist alone was about 0.35 s.
//   - @pulumi/pulumi/automation: the Automation API, which drives the CLI from another Node.js process.
// zod (config/schema.ts) is the other large load: its index requires every one of its 63 locales (zod/v4/locales,
// `z.locales`, for error messages in other languages) where the program needs none (zod sets English from its own
// file, locales/en). Their index is deferred the same way: 62 of the 95 files zod loads.
// Each is registered in require.cache (Node's documented module cache) as a stand-in that requires the real
// module the first time one of its properties is used, so a program that does use one gets it, later.
//
// The other cost is stack traces. @pulumi/pulumi's runtime/debuggable.js debuggablePromise(), called for every
// RPC promise (several per resource and per input property), stores `new Error().stack` on the promise, to print
// it only if the program exits with that promise still pending ("leaked", with PULUMI_DEBUG_PROMISE_LEAKS set).
// Reading `.stack` formats it at once, through ts-node's source-map support: about 0.25 s of CPU for our program,
// the largest part of what was left. Below, debuggablePromise is wrapped so the stack is captured the same way
// (V8 records the frames when the Error is made) but formatted only if that message is ever printed.
//
// These are the project's only reaches into @pulumi/pulumi's internals at run time. Each checks what it relies on
// and does nothing if an upgrade changed it; `npm run bench -- --only preview` shows the cost either way.
"use strict";
const Module = require("node:module");
const path = require("node:path");

/**
 * A stand-in for a CommonJS module's exports that loads the module on first use. It answers `__esModule`
 * without loading, so TypeScript's __importStar/__importDefault helpers keep it as it is instead of copying
 * (and so loading) its properties; `default` then means what those helpers would have made it mean.
 */
function deferred(load) {
  let real;
  const target = () => (real ??= load());
  const key = (name) => (name === "default" && !target().__esModule ? target() : Reflect.get(target(), name));
  // A bound function has no own non-configurable properties, so the proxy may report whatever the module has.
  return new Proxy(function () {}.bind(null), {
    get: (_, name) => (name === "__esModule" ? true : key(name)),
    has: (_, name) => Reflect.has(target(), name),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, name) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), name);
      return descriptor && { ...descriptor, configurable: true };
    },
    set: (_, name, value) => Reflect.set(target(), name, value),
    apply: (_, self, args) => Reflect.apply(target(), self, args),
    construct: (_, args, newTarget) => Reflect.construct(target(), args, newTarget),
  });
}

/** Registers `request`, as a module in `fromDir` resolves it, as a deferred module; nothing if it is not there. */
function defer(request, fromDir) {
  let file;
  try {
    file = require.resolve(request, { paths: [fromDir] });
  } catch {
    return;
  }
  if (require.cache[file]) return;
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = deferred(() => {
    delete require.cache[file];
    return require(file);
  });
  require.cache[file] = stub;
}

/** The folder of a package the program resolves (from the project directory), or undefined. */
function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [process.cwd()] }));
  } catch {
    return undefined;
  }
}

const pulumiDir = packageDir("@pulumi/pulumi");
if (pulumiDir)
  for (const request of ["@npmcli/arborist", "normalize-package-data", "fdir", "@pulumi/pulumi/automation"])
    defer(request, pulumiDir);
const zodDir = packageDir("zod");
if (zodDir) defer(path.join(zodDir, "v4", "locales", "index.cjs"), zodDir);

/**
 * debuggablePromise(p, ctx) with `p._debugStackTrace` formatted on first read instead of at the call. The original
 * still runs (ids, leak bookkeeping), with Error.stackTraceLimit 0 so its own `new Error().stack` costs nothing;
 * the property it defines is then replaced by a getter over an Error captured here, at the same call site. The
 * trace leaves out the frame of debuggablePromise itself: it starts at its caller, where the original's started
 * one frame earlier. Internal callers use the export through the module object, so they get the wrapper.
 */
function formatPromiseStacksLazily() {
  let debuggable;
  try {
    debuggable = require(require.resolve("@pulumi/pulumi/runtime/debuggable", { paths: [process.cwd()] }));
  } catch {
    return;
  }
  const original = debuggable.debuggablePromise;
  if (typeof original !== "function" || original.length !== 2) return;
  debuggable.debuggablePromise = function debuggablePromise(p, ctx) {
    const site = new Error();
    Error.captureStackTrace(site, debuggablePromise);
    // Configurable, so that the original's defineProperty keeps it configurable and the getter can replace it.
    Object.defineProperty(p, "_debugStackTrace", { configurable: true, writable: true, value: undefined });
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let result;
    try {
      result = original.call(this, p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
    Object.defineProperty(p, "_debugStackTrace", { configurable: true, get: () => site.stack });
    return result;
  };
}

formatPromiseStacksLazily();
