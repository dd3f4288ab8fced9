/** Auth0 facts: plan limits, names, Universal Login limits. No zod, no file system: plain values. */
export * from "./lifetimes";
export * from "./login";
export * from "./names";
