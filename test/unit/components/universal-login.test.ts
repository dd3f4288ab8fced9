/**
 * UniversalLogin constructed alone under Pulumi's mocks, with base args (`loginFlow`, `pageTemplate` and the
 * `keepMeSignedIn` section as the schema types them, and one custom domain to wait for): the exact inputs and
 * options of the prompt, the page template and the checkbox partial, which exists only with KMSI enabled.
 */
import * as auth0 from "@pulumi/auth0";
import { describe, expect, it } from "vitest";
import { renderKmsiPartial, UniversalLogin, type UniversalLoginArgs } from "../../../components";
import { DAY_MS } from "../../../config";
import { type ProgramRun, runDeclarations } from "../../testkit";

const T = {
  component: "auth0-sessions:index:UniversalLogin",
  domain: "auth0:index/customDomain:CustomDomain",
  prompt: "auth0:index/prompt:Prompt",
  branding: "auth0:index/branding:Branding",
  partials: "auth0:index/promptScreenPartials:PromptScreenPartials",
} as const;
const BODY = "<html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>";
type BaseArgs = Omit<UniversalLoginArgs, "domainReady">;
const BASE: BaseArgs = {
  loginFlow: "identifier-first",
  pageTemplate: { path: "templates/universal-login.liquid", body: BODY },
  keepMeSignedIn: {
    enabled: true,
    label: "Keep me signed in on this device",
    trustedDevice: { absolute: 7 * DAY_MS, idle: 3 * DAY_MS },
  },
};

/** The component, after a custom domain declared beside it: what its page template and partial must wait for. */
const declare = (args: BaseArgs, opts?: { protect: boolean }) =>
  runDeclarations(() => {
    const domain = new auth0.CustomDomain("domain", { domain: "login.example.com", type: "auth0_managed_certs" });
    const login = new UniversalLogin("login", { ...args, domainReady: [domain] }, opts);
    return { screen: login.screen };
  });
const ours = (run: ProgramRun) => run.registrations.filter((r) => r.type !== T.domain);

describe("UniversalLogin alone", () => {
  it.each<[string, Partial<BaseArgs>, { identifierFirst: boolean; screen: string; label?: string }]>([
    ["base args: identifier first, the checkbox on login-id", {}, { identifierFirst: true, screen: "login-id" }],
    ["classic: the checkbox on login", { loginFlow: "classic" }, { identifierFirst: false, screen: "login" }],
    [
      "another label, escaped in the partial",
      { keepMeSignedIn: { ...BASE.keepMeSignedIn, label: 'Stay "signed" <in>' } },
      { identifierFirst: true, screen: "login-id", label: 'Stay "signed" <in>' },
    ],
  ])("%s", async (_case, override, expected) => {
    const run = await declare({ ...BASE, ...override });
    const domain = run.one(T.domain).urn;
    // Registrations complete in dependency order, not declaration order: compared as sorted lists.
    expect(
      ours(run)
        .map((r) => `${r.type} ${r.name}`)
        .sort(),
    ).toEqual(
      [
        `${T.component} login`,
        `${T.prompt} login-prompt`,
        `${T.branding} login-branding`,
        `${T.partials} login-kmsi-partial`,
      ].sort(),
    );
    const component = run.one(T.component).urn;
    expect(
      ours(run)
        .filter((r) => r.custom)
        .map((r) => r.parent),
    ).toEqual([component, component, component]);

    const prompt = run.one(T.prompt);
    expect(prompt.inputs).toEqual({ universalLoginExperience: "new", identifierFirst: expected.identifierFirst });
    // The provider's delete of prompt settings does nothing: retained, so destroy says so.
    expect(prompt).toMatchObject({ dependencies: [], retainOnDelete: true, replaceOnChanges: [] });

    const branding = run.one(T.branding);
    expect(branding.inputs).toEqual({ universalLogin: { body: BODY } });
    expect(branding).toMatchObject({ dependencies: [domain], retainOnDelete: false, replaceOnChanges: [] });

    const partial = run.one(T.partials);
    expect(partial.inputs).toEqual({
      promptType: expected.screen,
      screenPartials: [
        {
          screenName: expected.screen,
          insertionPoints: { formContentEnd: renderKmsiPartial(expected.label ?? BASE.keepMeSignedIn.label) },
        },
      ],
    });
    expect(partial.dependencies.sort()).toEqual([domain, prompt.urn, branding.urn].sort());
    expect(partial).toMatchObject({ replaceOnChanges: ["promptType"], deleteBeforeReplace: false });
    expect(run.outputs.screen).toEqual({
      prompt: expected.screen,
      screen: expected.screen,
      identifierFirst: expected.identifierFirst,
    });
  });

  it("declares no partial with KMSI disabled, whatever the label; the prompt and page template stay", async () => {
    const run = await declare({
      ...BASE,
      keepMeSignedIn: { ...BASE.keepMeSignedIn, enabled: false, label: "never shown" },
    });
    expect(
      ours(run)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["login", "login-branding", "login-prompt"]);
    expect(run.ofType(T.partials)).toEqual([]);
    expect(run.one(T.prompt).inputs).toEqual({ universalLoginExperience: "new", identifierFirst: true });
    expect(run.one(T.branding).inputs).toEqual({ universalLogin: { body: BODY } });
  });

  it.each([
    [{ protect: true }, [true, true, true, true]],
    [undefined, [false, false, false, false]],
  ])("with the options %j, the component and its children are protected: %j (inherited)", async (opts, protect) => {
    const run = await declare(BASE, opts);
    expect(ours(run).map((r) => r.protect)).toEqual(protect);
  });
});
