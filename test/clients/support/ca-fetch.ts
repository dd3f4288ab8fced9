/**
 * A WHATWG fetch over node:https that trusts one CA: how the official clients (openid-client's customFetch, the
 * auth0 SDK's `fetch` option) reach a local tenant whose certificate comes from its own fresh CA. Node's global
 * fetch takes no CA, and NODE_EXTRA_CA_CERTS is only read when a process starts. No redirect is followed (the
 * clients ask for `redirect: "manual"` where it matters) and the body is buffered: these are small JSON answers.
 */
import { request as httpsRequest } from "node:https";

export function caFetch(caPem: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    if (body) headers["content-length"] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(request.url, { method: request.method, headers, ca: caPem, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
              responseHeaders.append(name, item);
          }
          const nullBody = status === 204 || status === 304 || request.method === "HEAD";
          resolve(
            new Response(nullBody ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage ?? "",
              headers: responseHeaders,
            }),
          );
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      if (body) req.write(body);
      req.end();
    });
  };
}
