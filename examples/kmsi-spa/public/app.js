// The example application: everything a SPA does with @auth0/auth0-spa-js, nothing more.
//
// - On load it asks the tenant, silently, whether the browser has an Auth0 session: getTokenSilently() runs
//   /authorize?prompt=none&response_mode=web_message in a hidden iframe and exchanges the code (PKCE) at
//   /oauth/token. Tokens are kept in memory only (the SDK's default), so after a browser restart the only thing
//   that can sign the user in again is the tenant's `auth0` session cookie: exactly what Keep Me Signed In
//   decides (persistent when the box was ticked, a session cookie otherwise).
// - "Log in" is loginWithRedirect() to the tenant's Universal Login page (the deployed template and partial).
// - "Log out" is logout(), which ends the tenant session at /v2/logout and comes back here.
(async function () {
  const $ = (id) => document.getElementById(id);
  const show = (id, visible) => {
    $(id).hidden = !visible;
  };

  function render(state, details) {
    $("state").dataset.state = state;
    $("status").textContent = state === "signed-in" ? "Signed in" : "Signed out";
    show("details", state === "signed-in");
    show("login", state !== "signed-in");
    show("check", state === "signed-in");
    show("logout", state === "signed-in");
    if (details) {
      $("user").textContent = details.claims.name;
      $("email").textContent = details.claims.email;
      $("auth-time").textContent = new Date(details.claims.auth_time * 1000).toISOString();
      $("sid").textContent = details.claims.sid;
      $("access").textContent = `${details.access.aud.join(", ")} — ${details.access.scope}`;
      $("checked").textContent = new Date().toISOString();
    }
  }

  function showError(error) {
    $("error").textContent = `${error.error || "error"}: ${error.error_description || error.message}`;
    show("error", true);
  }

  function decode(token) {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  }

  const config = await (await fetch("/config.json")).json();
  // The constructor rather than createAuth0Client(), which would run its own silent check first and swallow its
  // error: one check below, whose answer (login_required, or access_denied from an Action) the page shows.
  const client = new auth0.Auth0Client({
    domain: config.domain,
    clientId: config.clientId,
    authorizationParams: { redirect_uri: window.location.origin, audience: config.audience, scope: config.scope },
  });

  // Silent authentication: succeeds while the tenant session lives, fails with login_required otherwise.
  // On page load the in-memory cache is empty (or holds the tokens of the login that just completed); the button
  // bypasses it to ask the tenant again.
  async function check(cacheMode) {
    try {
      const accessToken = await client.getTokenSilently({ cacheMode });
      const claims = await client.getIdTokenClaims();
      render("signed-in", { claims, access: decode(accessToken) });
      show("error", false);
    } catch (error) {
      render("signed-out");
      // login_required is the normal answer for a browser without a session; anything else is worth showing.
      if (error.error !== "login_required") showError(error);
    }
  }

  $("login").addEventListener("click", () => client.loginWithRedirect());
  $("logout").addEventListener("click", () => client.logout({ logoutParams: { returnTo: window.location.origin } }));
  $("check").addEventListener("click", () => check("off"));

  const query = new URLSearchParams(window.location.search);
  if (query.has("state") && (query.has("code") || query.has("error"))) {
    try {
      await client.handleRedirectCallback();
    } catch (error) {
      showError(error);
    }
    window.history.replaceState({}, document.title, "/");
  }
  await check("on");
})();
