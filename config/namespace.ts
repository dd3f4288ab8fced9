/** The stack config's namespace: every key of ours in a stack file is `auth0-sessions:<key>`. */
export const CONFIG_NAMESPACE = "auth0-sessions";

/**
 * The `auth0-sessions:` keys of a stack's config without the prefix: the `raw` that `parseStackConfig` takes.
 * Own properties only (fromEntries), so a key named `__proto__` is kept, and reported, like any other.
 */
export function namespaceKeys(config: Record<string, unknown>): Record<string, unknown> {
  const prefix = `${CONFIG_NAMESPACE}:`;
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}
