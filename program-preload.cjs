// Preloaded into the Pulumi program's Node.js process (Pulumi.yaml: runtime.options.nodeargs "--require"), before
// @pulumi/pulumi and the program load. It makes the largest start-up cost lazy and changes no behaviour.
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
// Each is registered in require.cache (Node's documented module cache) as a stand-in that requires the real
// module the first time one of its properties is used, so a program that does use one gets it, later.
//
// This is the project's only reach into @pulumi/pulumi's internals at run time. If an upgrade stops requiring
// these modules, the stand-ins are never touched; `npm run bench -- --only preview` shows the cost either way.
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

/** Registers `request`, as @pulumi/pulumi resolves it, as a deferred module; does nothing if it cannot be found. */
function deferFromPulumi(request) {
  let file;
  try {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }));
    file = require.resolve(request, { paths: [pulumiDir] });
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

for (const request of ["@npmcli/arborist", "normalize-package-data", "fdir", "@pulumi/pulumi/automation"]) deferFromPulumi(request);
