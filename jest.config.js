/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  rootDir: '.',
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/seeds/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.cjs',
  },
  // Everything in node_modules runs as shipped, except the ES-module-only packages (see the
  // transformer): @nestjs, and otplib's @noble and @scure, also where nested in another package.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@noble|@scure)/)(?!.*/node_modules/(@noble|@scure)/)',
  ],
  maxWorkers: 2,
  testTimeout: 60000,
};
