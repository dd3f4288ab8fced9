import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import type { LoginFlow } from "./config";
import { renderKmsiPartial } from "./kmsiPartial";
import { LOGIN_SCREENS, type LoginScreen } from "./loginFlow";

export interface UniversalLoginArgs {
  /** Identifier first (`login-id` then password) or classic (`login`); decides where the checkbox goes. */
  loginFlow: LoginFlow;
  /** The Liquid page template, already checked for its required tags and size. */
  pageTemplate: string;
  /** The checkbox label; when absent (KMSI disabled) no partial is declared. */
  kmsiLabel?: string;
  /** The custom domain (and its verification): Auth0 refuses page templates and partials without one. */
  customDomain: pulumi.Input<pulumi.Resource>[];
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
      { universalLogin: { body: args.pageTemplate } },
      { parent: this, dependsOn: args.customDomain },
    );
    if (args.kmsiLabel !== undefined) {
      this.partial = new auth0.PromptScreenPartials(
        `${name}-kmsi-partial`,
        {
          promptType: this.screen.prompt,
          screenPartials: [
            // `formContentEnd` is the `form-content-end` insertion point of the guide.
            { screenName: this.screen.screen, insertionPoints: { formContentEnd: renderKmsiPartial(args.kmsiLabel) } },
          ],
        },
        // Auth0 accepts partials only with a custom domain and a page template (403 otherwise); the prompt
        // decides whether the `login-id` screen exists at all.
        { parent: this, dependsOn: [...args.customDomain, this.prompt, this.branding] },
      );
    }

    this.registerOutputs({ prompt: this.prompt, branding: this.branding, partial: this.partial });
  }
}

