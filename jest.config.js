/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testTimeout: 120000,
  transform: { "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true }] },
};
