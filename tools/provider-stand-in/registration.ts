/** One resource registration as the engine sees it: what the program runner records and the stand-in deploys. */
export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, any>;
  parent: string;
  /** URNs this resource depends on (dependsOn plus resources its inputs come from). */
  dependencies: string[];
  protect: boolean;
  retainOnDelete: boolean;
  /** Input names whose change makes the engine replace the resource instead of updating it. */
  replaceOnChanges: string[];
  deleteBeforeReplace: boolean;
  /** The resource's custom timeouts, as the program wrote them (Go durations like "15m"); only those set. */
  customTimeouts: { create?: string; update?: string; delete?: string };
  urn: string;
}
