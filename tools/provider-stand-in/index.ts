/**
 * The provider stand-in: the real program under Pulumi's mocks (pulumiProgram.ts), and the Management API calls
 * the Auth0 provider would make for it against a local tenant (localDeploy.ts, provider/). Used by `npm start`
 * when the provider plugin is missing (deployLocal.ts) and, through test/testkit, by the tests.
 */
export {
  customDomainState,
  resolve,
  runFailingProgram,
  runProgram,
  staticInvoke,
  type FailedRun,
  type InvokeHandler,
  type ProgramOptions,
  type ProgramRun,
  type Registration,
} from "./pulumiProgram";
export {
  deployStackToLocalTenant,
  previewStackOnLocalTenant,
  type DeployOptions,
  type Deployment,
} from "./localDeploy";
export { asPulumiHandsOver, loadStackFile } from "./stackFiles";
export { actionNotFound } from "./provider/actions";
