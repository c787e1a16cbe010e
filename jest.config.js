/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testTimeout: 120000,
  transform: { "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true }] },
  // office-addin-manifest's dependency chain is ESM-only; office-addin-mock needs only its OfficeApp names.
  setupFiles: ["<rootDir>/test/support/jsdom-polyfills.ts"],
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.ts" },
};
