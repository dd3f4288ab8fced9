/**
 * The values of the risk switches as the components write them into `event.secrets` and the Action reads them.
 * The secrets' names, the network binding values and the checkbox field are Auth0-facing names: auth0/names.ts.
 */
export type Switch = "on" | "off";
