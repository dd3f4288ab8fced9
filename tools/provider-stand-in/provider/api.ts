/**
 * The stand-in provider's Management API client: go-auth0's requests against the local tenant, every call
 * recorded in order. A non-2xx answer fails the step, as go-auth0 returns it as an error, unless the caller
 * lists the status as one the provider handles (a 404 on a read means "gone").
 */
import { type LocalTenant, type Response, TenantClient } from "../../../packages/local-tenant";

export interface Call {
  method: string;
  path: string;
  status: number;
  /** The JSON body sent, if any (tests check the exact PATCH bodies). */
  body?: unknown;
}

export class Api {
  readonly calls: Call[] = [];
  private readonly client: TenantClient;

  constructor(readonly tenant: LocalTenant) {
    this.client = new TenantClient(tenant);
  }

  login(): Promise<string> {
    return this.client.login();
  }

  async call(method: string, pathAndQuery: string, body?: unknown, handled: number[] = []): Promise<Response> {
    const res = await this.client.send(method, pathAndQuery, body === undefined ? {} : { body });
    this.calls.push({ method, path: pathAndQuery, status: res.status, ...(body === undefined ? {} : { body }) });
    if ((res.status < 200 || res.status > 299) && !handled.includes(res.status)) {
      throw new Error(`${method} ${pathAndQuery} answered ${res.status}: ${res.text}`);
    }
    return res;
  }

  /** A control-plane request (/__local/...): not Auth0, so not recorded among the provider's calls. */
  async control(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await this.client.send(method, path, body === undefined ? {} : { body, token: null });
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} answered ${res.status}: ${res.text}`);
    return res;
  }
}
