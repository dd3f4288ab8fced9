/**
 * The provider stand-in: the real program under Pulumi's mocks (run-program.ts), and the Management API calls
 * the Auth0 provider would make for it against a local tenant (deploy.ts, provider/). Used by `npm start`
 * when the provider plugin is missing (cli.ts) and, through test/testkit, by the tests.
 */
export {
  customDomainState,
  resolve,
  runFailingProgram,
  runDeclarations,
  runProgram,
  staticInvoke,
  type FailedRun,
  type InvokeHandler,
  type ProgramOptions,
  type ProgramRun,
  type Registration,
} from "./run-program";
export { deployStackToLocalTenant, previewStackOnLocalTenant, type DeployOptions, type Deployment } from "./deploy";
export { asPulumiHandsOver, loadStackFile } from "./stack-files";
export { actionNotFound } from "./provider/actions";
