import { readdirSync } from "node:fs";

import js from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import globals from "globals";
import tseslint from "typescript-eslint";

// Which folder may import which (bulletproof-react): features never import each other
// nor the app; shared code (components, config, lib, stores, types) never imports
// features or the app. The app composes everything.
const featureNames = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const featureBoundaries = featureNames.map((feature) => ({
  target: `./src/features/${feature}`,
  from: "./src/features",
  except: [`./${feature}`],
}));

export default tseslint.config(
  { ignores: ["dist", "coverage", "playwright-report", "test-results", "src/types/api.gen.ts"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      globals: globals.browser,
    },
    plugins: {
      import: importPlugin,
      "react-hooks": reactHooks,
      "react-refresh": reactRefresh,
    },
    settings: {
      "import/resolver": {
        typescript: { project: ["./tsconfig.app.json", "./tsconfig.node.json"], noWarnOnMultipleProjects: true },
        node: true,
      },
      "import/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "react-refresh/only-export-components": ["warn", { allowConstantExport: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            ...featureBoundaries,
            { target: "./src/features", from: "./src/app" },
            {
              target: ["./src/components", "./src/config", "./src/lib", "./src/stores", "./src/types"],
              from: ["./src/features", "./src/app"],
            },
          ],
        },
      ],
    },
  },
  {
    // Route modules export their page as default; tests and tooling are not hot-reloaded.
    files: ["src/app/routes/**/*.tsx", "src/testing/**", "**/*.test.{ts,tsx}", "e2e/**", "*.config.ts"],
    rules: { "react-refresh/only-export-components": "off" },
  },
  {
    files: ["e2e/**", "*.config.ts", "scripts/**"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["scripts/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
