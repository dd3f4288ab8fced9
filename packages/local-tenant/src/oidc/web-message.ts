/**
 * The `web_message` response mode: instead of redirecting, /authorize answers with a small HTML page that posts
 * the authorization response to the window that opened it (a popup's opener) or to its parent (the hidden iframe
 * of silent authentication), restricted to the redirect_uri's origin.
 *
 * The page is built like Auth0's: a script with `targetOrigin`, a `webMessageRequest` (the relay parameters
 * web_message_uri / web_message_target of the OAuth 2.0 Web Message Response Mode draft, empty unless asked) and
 * `authorizationResponse = {type: "authorization_response", response: {...}}`, posted with
 * `(window.opener ? window.opener : window.parent).postMessage(authorizationResponse, targetOrigin)`. That message
 * shape is what @auth0/auth0-spa-js waits for in its iframe and popup flows (it checks `event.origin` against the
 * tenant, `data.type === "authorization_response"`, then reads `data.response.code`/`.state` or `.error`).
 *
 * It must be frameable (silent authentication runs in an iframe), so unlike the login pages it sends no
 * X-Frame-Options; it is never cached.
 */
import type { Reply } from "../http/router";
import { RawBody } from "../http/raw-body";

export function webMessagePage(
  targetOrigin: string,
  response: Record<string, string>,
  relay: { uri?: string; target?: string },
  cookies: string[],
): Reply {
  const webMessageRequest: Record<string, string> = {};
  if (relay.uri !== undefined && relay.target !== undefined) {
    webMessageRequest.web_message_uri = relay.uri;
    webMessageRequest.web_message_target = relay.target;
  }
  const html = `<!DOCTYPE html>
<html>
<head><title>Authorization Response</title></head>
<body>
<script type="text/javascript">
(function (window) {
  var targetOrigin = ${scriptJson(targetOrigin)};
  var webMessageRequest = ${scriptJson(webMessageRequest)};
  var authorizationResponse = { type: "authorization_response", response: ${scriptJson(response)} };
  var mainWin = window.opener ? window.opener : window.parent;
  if (webMessageRequest["web_message_uri"] && webMessageRequest["web_message_target"]) {
    window.addEventListener("message", function (evt) {
      if (evt.origin !== targetOrigin) return;
      if (evt.data && evt.data.type === "relay_response") {
        var messageTargetWindow = evt.source.frames[webMessageRequest["web_message_target"]];
        if (messageTargetWindow) {
          messageTargetWindow.postMessage(authorizationResponse, webMessageRequest["web_message_uri"]);
          window.close();
        }
      }
    });
    mainWin.postMessage({ type: "relay_request" }, targetOrigin);
  } else {
    mainWin.postMessage(authorizationResponse, targetOrigin);
  }
})(this);
</script>
</body>
</html>
`;
  return {
    status: 200,
    body: new RawBody({ text: html, cookies, sendDate: cookies.length === 0 }),
    headers: { "Cache-Control": "no-store", Pragma: "no-cache", "X-Content-Type-Options": "nosniff" },
  };
}

/** JSON that is safe inside a <script> element: no "</script>", no HTML comment openers, no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
