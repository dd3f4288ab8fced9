// `auth0/legacy` (the SDK's AuthenticationClient and UserInfoClient) is a subpath export, which this project's
// "node" module resolution cannot see; its declarations, for the type checker only.
declare module "auth0/legacy" {
  export * from "auth0/legacy/exports/index";
}
