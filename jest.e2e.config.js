/**
 * End-to-end suite (`npm run test:e2e`): real BuildKit builds of the codemod's input and
 * output Dockerfiles. e2e/global-setup.ts runs e2e/setup.sh, which installs and starts the
 * engine when needed and builds the local base images. Run in band: the cases share one
 * engine and each build uses both cores.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['<rootDir>/e2e/*.test.ts'],
  // the cases' own package.json files are build contexts, not modules
  modulePathIgnorePatterns: ['<rootDir>/e2e/cases/'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/e2e/global-teardown.ts',
  // a case builds its input and output twice each; setup on a fresh machine takes minutes
  testTimeout: 15 * 60 * 1000,
  slowTestThreshold: 120,
};
