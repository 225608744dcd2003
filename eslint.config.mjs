import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const CHILD_PROCESS_MODULES = ["node:child_process", "child_process"];
const CHILD_PROCESS_MESSAGE = "Start programs with scripts/child-process.mjs: it works on Windows as on POSIX.";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Every child process goes through scripts/child-process.mjs, which starts npm, npx and package
    // programs the same way on Windows and POSIX (no shell, no .cmd files).
    ignores: ["scripts/child-process.mjs", "scripts/child-process.d.mts"],
    rules: {
      "no-restricted-imports": ["error", { paths: CHILD_PROCESS_MODULES.map((name) => ({ name, message: CHILD_PROCESS_MESSAGE })) }],
      "no-restricted-syntax": [
        "error",
        ...CHILD_PROCESS_MODULES.flatMap((name) => [
          { selector: `ImportExpression[source.value='${name}']`, message: CHILD_PROCESS_MESSAGE },
          { selector: `CallExpression[callee.name='require'][arguments.0.value='${name}']`, message: CHILD_PROCESS_MESSAGE },
        ]),
      ],
    },
  },
  globalIgnores([".next/**", ".next-*/**", ".data/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
