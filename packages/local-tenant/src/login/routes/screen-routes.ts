/**
 * The login screens' GET (show) and POST (submit) handlers:
 *
 *   /u/login/identifier   login-id        username (+ partial fields such as ulp-remember-me) → password screen
 *   /u/login/password     login-password  password → the login completes
 *   /u/login              login (classic) username and password → the login completes
 *
 * Every POST keeps that screen's `ulp-` fields in the transaction (see state/transactions.ts); wrong credentials
 * re-show the screen with Auth0's message and log `fp` / `fu`. The transaction is named by `state` (query or
 * form); an unknown or expired one gets an error page, since there is no safe place to redirect to.
 */
import type { Reply } from "../../http/router";
import type { ClientRequest } from "../../http/router";
import type { LoginTransactionRecord } from "../../store/state";
import { clientNetwork } from "../../session/client-network";
import { completeAuthentication } from "./complete";
import type { LoginContext } from "../state/context";
import { appendLoginLog } from "../../session/login-logs";
import { verifyPassword } from "../../session/passwords";
import { renderScreen } from "../rendering/render-screen";
import { applicationError } from "../../oidc/response";
import { errorPage, redirect } from "../../http/pages";
import { SCREENS, type ScreenDefinition } from "../rendering/screens";
import { Transactions } from "../state/transactions";

const WRONG_CREDENTIALS = "Wrong email or password";

export async function showScreen(
  context: LoginContext,
  request: ClientRequest,
  screen: ScreenDefinition,
): Promise<Reply> {
  const transaction = new Transactions(context).find(request.query.get("state"));
  if (!transaction) return unknownTransaction();
  // The identifier screen stays reachable after it was posted: the password screen's "Edit" link goes back to it.
  if (!screenBelongsToFlow(transaction, screen))
    return redirect(`${expectedScreen(transaction).path}?state=${encodeURIComponent(transaction.id)}`);
  return renderScreen(context, { screen, transaction });
}

export async function submitScreen(
  context: LoginContext,
  request: ClientRequest,
  screen: ScreenDefinition,
): Promise<Reply> {
  const form = request.body.kind === "form" ? request.body.value : {};
  const transactions = new Transactions(context);
  const transaction = transactions.find(request.query.get("state") ?? form.state);
  if (!transaction) return unknownTransaction();
  if (!screenBelongsToFlow(transaction, screen))
    return redirect(`${expectedScreen(transaction).path}?state=${encodeURIComponent(transaction.id)}`);
  transactions.collect(transaction, screen.screen, form);

  if (screen === SCREENS["login-id"]) {
    const identifier = (form.username ?? "").trim();
    if (identifier === "") {
      await context.store.commit();
      return renderScreen(context, { screen, transaction, error: "Please enter an email address", status: 400 });
    }
    transaction.identifier = identifier;
    await context.store.commit();
    return redirect(`${SCREENS["login-password"].path}?state=${encodeURIComponent(transaction.id)}`);
  }

  const identifier = screen === SCREENS.login ? (form.username ?? "").trim() : (transaction.identifier ?? "");
  if (screen === SCREENS.login) transaction.identifier = identifier;
  return checkCredentials(context, request, screen, transaction, identifier, form.password ?? "");
}

async function checkCredentials(
  context: LoginContext,
  request: ClientRequest,
  screen: ScreenDefinition,
  transaction: LoginTransactionRecord,
  identifier: string,
  password: string,
): Promise<Reply> {
  const transactions = new Transactions(context);
  const application = context.directory.application(transaction.client_id);
  if (!application) return unknownTransaction();
  const organization = transaction.organization_id
    ? context.directory.organization(transaction.organization_id)
    : undefined;
  const network = clientNetwork(request);
  const user = context.directory.userByEmail(identifier);
  if (!user || !(await verifyPassword(password, user.password_hash))) {
    await appendLoginLog(context, user ? "fp" : "fu", WRONG_CREDENTIALS, {
      network,
      application,
      organization,
      ...(user ? { user } : {}),
    });
    return renderScreen(context, { screen, transaction, error: WRONG_CREDENTIALS, status: 400 });
  }
  transactions.remove(transaction);
  if (organization && !context.directory.isMember(organization, user.user_id)) {
    await appendLoginLog(context, "f", `user is not a member of organization ${organization.name}`, {
      network,
      application,
      organization,
      user,
    });
    return applicationError(
      transaction.query,
      transaction.redirect_uri,
      "access_denied",
      `user ${user.user_id} is not part of the ${organization.id} organization`,
      transaction.state,
    );
  }
  return completeAuthentication(context, {
    kind: "login",
    network,
    application,
    redirectUri: transaction.redirect_uri,
    clientState: transaction.state,
    query: transaction.query,
    organization,
    user,
    body: transactions.body(transaction),
  });
}

/** The screen a transaction is at: identifier first until an identifier is known, then password; or classic. */
function expectedScreen(transaction: LoginTransactionRecord): ScreenDefinition {
  if (transaction.flow === "classic") return SCREENS.login;
  return transaction.identifier === undefined ? SCREENS["login-id"] : SCREENS["login-password"];
}

function screenBelongsToFlow(transaction: LoginTransactionRecord, screen: ScreenDefinition): boolean {
  if (transaction.flow === "classic") return screen === SCREENS.login;
  return (
    screen === SCREENS["login-id"] || (screen === SCREENS["login-password"] && transaction.identifier !== undefined)
  );
}

function unknownTransaction(): Reply {
  return errorPage(
    400,
    "invalid_request",
    "The login transaction is unknown or has expired. Start again from the application.",
  );
}
