import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { LOGIN_SCREENS, type LoginFlow, type LoginScreen } from "../../auth0";
import type { KeepMeSignedInConfig, PageTemplateConfig } from "../../config";
import { renderKmsiPartial } from "./kmsi-partial";

export interface UniversalLoginArgs {
  /**
   * The `loginFlow` config value: identifier first (`login-id` then password) or classic (`login`); it decides the
   * screen that carries the checkbox.
   */
  loginFlow: LoginFlow;
  /** The `pageTemplate` config value: the Liquid template's path and body, already checked for its tags and size. */
  pageTemplate: PageTemplateConfig;
  /**
   * The `keepMeSignedIn` config section: when `enabled`, the checkbox partial is declared with its `label`;
   * otherwise there is none. (`trustedDevice` is the kmsi Action's, components/session-actions.ts.)
   */
  keepMeSignedIn: KeepMeSignedInConfig;
  /**
   * What the page template and the partial wait for: the custom domain, and its verification if any (CustomDomain
   * `ready`). Auth0 refuses page templates and partials without a custom domain.
   */
  domainReady: pulumi.Input<pulumi.Resource>[];
}

/**
 * Universal Login: the new experience with the chosen flow, the page template, and the KMSI checkbox partial.
 */
export class UniversalLogin extends pulumi.ComponentResource {
  public readonly prompt: auth0.Prompt;
  public readonly branding: auth0.Branding;
  public readonly partial?: auth0.PromptScreenPartials;
  /** The prompt and screen that carry the checkbox. */
  public readonly screen: LoginScreen;

  constructor(name: string, args: UniversalLoginArgs, opts?: pulumi.ComponentResourceOptions) {
    super("auth0-sessions:index:UniversalLogin", name, {}, opts);
    this.screen = LOGIN_SCREENS[args.loginFlow];

    this.prompt = new auth0.Prompt(
      `${name}-prompt`,
      { universalLoginExperience: "new", identifierFirst: this.screen.identifierFirst },
      // The provider's delete of prompt settings does nothing: they stay as deployed. Retained, so
      // `pulumi destroy` says so instead of pretending they were reverted.
      { parent: this, retainOnDelete: true },
    );
    this.branding = new auth0.Branding(
      `${name}-branding`,
      { universalLogin: { body: args.pageTemplate.body } },
      { parent: this, dependsOn: args.domainReady },
    );
    if (args.keepMeSignedIn.enabled) {
      this.partial = new auth0.PromptScreenPartials(
        `${name}-kmsi-partial`,
        {
          promptType: this.screen.prompt,
          screenPartials: [
            // `formContentEnd` is the `form-content-end` insertion point of the guide.
            {
              screenName: this.screen.screen,
              insertionPoints: { formContentEnd: renderKmsiPartial(args.keepMeSignedIn.label) },
            },
          ],
        },
        {
          parent: this,
          // Auth0 accepts partials only with a custom domain and a page template (403 otherwise); the prompt
          // decides whether the `login-id` screen exists at all.
          dependsOn: [...args.domainReady, this.prompt, this.branding],
          // Switching loginFlow moves the checkbox to another prompt. In place, the provider would PUT the new
          // prompt's partials but keep the old prompt as the id, read it back from there (prompt_type too), and never
          // clear it (prompt/resource_screen_partials.go:109-135, flatten.go:39-45): two checkboxes and a diff that
          // never clears. A replacement gives the new prompt a resource of its own and deletes the old one, which
          // PUTs `{}` to the old prompt (the provider's delete, resource_screen_partials.go:137-145).
          replaceOnChanges: ["promptType"],
          // Create first, then delete: the two touch different prompts, so nothing collides, and a checkbox is on
          // the login page at every moment of the update. Deleting first would serve logins without one.
          deleteBeforeReplace: false,
        },
      );
    }

    this.registerOutputs({ prompt: this.prompt, branding: this.branding, partial: this.partial });
  }
}
