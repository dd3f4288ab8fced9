/**
 * The post-login `event` object, with the fields Auth0 documents for what this project uses (and a few
 * neighbours an Action commonly reads): request, session, user, client, connection, organization,
 * authentication, transaction, tenant. Secrets are added per Action by the flow.
 *
 * event.request.body is the form of an interactive login — only its `ulp-` fields and `state`, never the
 * password — and empty for silent authentication and SSO, which post nothing.
 */
import type { SessionRecord } from "../../store/state";
import type { ClientNetwork } from "../../session/client-network";
import type { DirectoryUser } from "../../session/directory";
import type { SeedApplication, SeedOrganization } from "../../session/seed";

export interface EventInput {
  tenantName: string;
  network: ClientNetwork;
  /** The /authorize query. */
  query: Record<string, string>;
  body: Record<string, string>;
  session: SessionRecord;
  user: DirectoryUser;
  application: SeedApplication;
  organization?: SeedOrganization;
  redirectUri: string;
}

export function postLoginEvent(input: EventInput): Record<string, unknown> {
  const { network, session, user, application, organization, query } = input;
  const event: Record<string, unknown> = {
    tenant: { id: input.tenantName },
    request: {
      ip: network.ip,
      ...(network.asn !== undefined ? { asn: network.asn } : {}),
      ...(network.user_agent !== undefined ? { user_agent: network.user_agent } : {}),
      hostname: network.hostname,
      method: Object.keys(input.body).length > 0 ? "POST" : "GET",
      query: { ...query },
      body: { ...input.body },
      geoip: {},
      language: "en",
    },
    session: sessionView(session),
    user: {
      user_id: user.user_id,
      email: user.email,
      email_verified: true,
      name: user.name,
      nickname: user.email.split("@")[0],
      identities: [
        {
          provider: "auth0",
          user_id: user.user_id.replace(/^auth0\|/, ""),
          connection: user.connection.name,
          isSocial: false,
        },
      ],
      app_metadata: structuredClone(user.app_metadata),
      user_metadata: structuredClone(user.user_metadata),
    },
    client: { client_id: application.client_id, name: application.name, metadata: { ...application.metadata } },
    connection: {
      id: user.connection.id,
      name: user.connection.name,
      strategy: user.connection.strategy,
      metadata: { ...user.connection.metadata },
    },
    authentication: structuredClone(session.authentication),
    transaction: {
      protocol: "oidc-basic-profile",
      redirect_uri: input.redirectUri,
      requested_scopes: (query.scope ?? "").split(" ").filter(Boolean),
      response_type: ["code"],
      ...(query.state !== undefined ? { state: query.state } : {}),
      locale: "en",
    },
  };
  if (organization) {
    event.organization = {
      id: organization.id,
      name: organization.name,
      display_name: organization.display_name ?? organization.name,
      metadata: { ...organization.metadata },
    };
  }
  return event;
}

/** event.session: the stored session as the Management API shows it, without the cookie hash. */
function sessionView(session: SessionRecord): Record<string, unknown> {
  const { cookie_hash: _hidden, connection_id: _connection, ...visible } = session;
  return structuredClone(visible);
}
