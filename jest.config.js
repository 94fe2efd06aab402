/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  // NodeNext specifiers ("./x.js") point at the TypeScript sources under test.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
