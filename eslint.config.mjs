// ESLint as the `yo office` template sets it up (eslint-plugin-office-addins with the TypeScript parser),
// plus the project's ignores.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// The recommended set registers the TypeScript plugin for *.ts only; the same instance serves the task pane's *.tsx.
const typescriptPlugin = officeAddins.configs.recommended.find((c) => c.plugins?.["@typescript-eslint"]).plugins["@typescript-eslint"];

export default [
  { ignores: ["node_modules/**", "dist/**", "lib/**", "coverage/**", "dabiao-demo/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "office-addins": officeAddins, "@typescript-eslint": typescriptPlugin },
    languageOptions: { parser: tsParser },
    rules: {
      "no-unused-vars": "off",
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
];
