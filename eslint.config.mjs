// @ts-check
/**
 * ESLint for the whole tree (`npm run lint`, part of `npm test`): typescript-eslint's type-aware rules over every
 * TypeScript file the root tsconfig covers, each file checked against its nearest tsconfig (projectService).
 * Formatting is prettier's job (.prettierrc.json), so no stylistic rules here.
 */
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      "dist/",
      ".tools/",
      ".pulumi-home/",
      ".state/",
      ".local-tenant/",
      "test-results/",
      ".scratch/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks a binding kept on purpose: a rest sibling that drops a field, or a parameter a callback
      // signature requires. tsc's noUnusedLocals/noUnusedParameters already accept the same forms.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // A promise returned from inside try/catch must be awaited there, or the catch never sees its rejection.
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      // A switch over a union must name every member (or say `default`), so a new member is not silently ignored.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Tests and the provider stand-in work with the values Pulumi's mocks and the engine hand over (`any` in
    // @pulumi/pulumi's MockResourceArgs, dynamic-provider inputs, JSON bodies), and read them field by field in
    // assertions; a typed wrapper around every such read would be noise. They implement async interfaces (mock
    // calls, provider methods, policy-test factories) with bodies that have nothing to await.
    files: ["test/**/*.ts", "packages/*/test/**/*.ts", "tools/provider-stand-in/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Plain JavaScript: no tsconfig covers it, so the type-aware rules cannot run.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS scripts run by Node before or without TypeScript (the program's preload, the start-up probe):
    // `require` is their module system.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The example SPA's browser script; @auth0/auth0-spa-js's UMD build defines the `auth0` global.
    files: ["examples/kmsi-spa/public/**/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser, auth0: "readonly" } },
  },
);
