/** The browser end-to-end test: real bundled backend + H5 build + Debian Chromium (see e2e/support). */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  // Each step waits for real UI and a real rotating code; one step waits ~30 s for the code to change.
  testTimeout: 90000,
  maxWorkers: 1,
}
