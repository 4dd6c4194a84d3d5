// The layout's rules, checked: `pnpm lint` (ESLint, then knip for unused files, exports and
// dependencies). Type-aware rules only where they pay for their cost: the server's promises.
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const webFeatures = readdirSync(`${import.meta.dirname}/apps/web/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default defineConfig(
  globalIgnores(["**/dist/", "**/node_modules/", ".tools/", "data/", "**/test-results/", "**/playwright-report/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./packages/shared",
              from: "./apps",
              message: "packages/shared holds what server and web share: it imports nothing from the apps.",
            },
            {
              target: "./apps/server",
              from: "./apps/web",
              message: "The server never imports the web app.",
            },
            {
              target: "./apps/server/src/db",
              from: "./apps/server/src",
              except: ["./db"],
              // db/pg (PostgreSQL: schema, client, migrations' SQL) is inside this zone too.
              message: "db/ is the bottom layer: its schemas and connections (SQLite, and PostgreSQL in db/pg) import nothing above them (the demo seeding lives in src/demo/).",
            },
            {
              target: "./apps/server/src/audit",
              from: ["./apps/server/src/modules", "./apps/server/src/trpc", "./apps/server/src/demo", "./apps/server/src/cli"],
              message: "The audit log (append, chain, checkpoints, signing key, verify, witness) is one layer below the modules: it never imports them.",
            },
            // Features never import each other; the route pages in apps/web/src/app compose them.
            ...webFeatures.map((feature) => ({
              target: `./apps/web/src/features/${feature}`,
              from: "./apps/web/src/features",
              except: [`./${feature}`],
              message: "A feature never imports another feature: compose them in apps/web/src/app, or move what both need to components/, hooks/ or lib/.",
            })),
          ],
        },
      ],
    },
  },
  {
    // Tests read response bodies loosely on purpose: their assertions say what shape they must have.
    files: ["**/*.test.ts", "apps/server/src/testing/**", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["packages/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@countersign/server", "@countersign/server/*", "@countersign/web", "@countersign/web/*"], message: "packages/shared imports nothing from the apps." }] },
      ],
    },
  },
  {
    files: ["apps/server/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@countersign/web", "@countersign/web/*"], message: "The server never imports the web app." }] }],
    },
  },
  {
    // Domain code runs statements through lib/prepared and db/transaction, never on a driver's connection.
    files: ["apps/server/src/modules/**/*.ts", "apps/server/src/trpc/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@countersign/web", "@countersign/web/*"], message: "The server never imports the web app." },
            {
              group: ["**/db/client", "**/db/pg/client"],
              importNames: ["sqliteConnection", "pgStatementOn"],
              message: "Domain code runs SQL through lib/prepared (statement, statementNow), which knows the engine's connection.",
            },
          ],
        },
      ],
    },
  },
  {
    // The server's domain is asynchronous on both engines: a promise nobody awaits is a write that
    // may not have happened when the answer goes out, or an error nobody sees. Type-aware, so only
    // here. (Not await-thenable: \`Db\` is typed as SQLite's, whose close() and statements are
    // synchronous, and the same calls return promises on PostgreSQL, so awaiting them is right.)
    files: ["apps/server/src/**/*.ts", "apps/server/bench/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    // One way to write a number: the web writes percentages, durations, money, counts and dates
    // only through packages/shared/src/format.ts.
    files: ["apps/web/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...["toFixed", "toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toPrecision"].map((name) => ({
          selector: `CallExpression[callee.property.name='${name}']`,
          message: `Format numbers and dates with @countersign/shared/format, not .${name}().`,
        })),
        {
          selector: "NewExpression[callee.object.name='Intl']",
          message: "Format numbers and dates with @countersign/shared/format, not a new Intl formatter.",
        },
        {
          // "40%" in a style attribute is a CSS length, so only a spaced " %" is caught here.
          selector: "TemplateLiteral > TemplateElement[value.raw=/^ (s|%|min|h|ms)( |$)/]",
          message: "A number with a unit is written by @countersign/shared/format (formatDuration, formatPercent).",
        },
      ],
    },
  },
);
