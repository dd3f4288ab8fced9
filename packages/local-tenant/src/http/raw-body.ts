/**
 * A reply body that is not JSON, for the login and OpenID Connect areas: HTML pages and redirects. It can set
 * several cookies (a Record header cannot), and can leave out the Date header: Chromium shifts a cookie's Expires
 * by the difference between the response's Date and its own clock, which would mix real time into a test that
 * runs the login clock days ahead (see pages.ts). server.ts writes it.
 */
export class RawBody {
  constructor(readonly options: { contentType?: string; text?: string; cookies?: string[]; sendDate?: boolean }) {}
}
