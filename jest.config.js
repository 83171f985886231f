// LWC unit tests (sfdx-lwc-jest). The TypeScript tooling tests run with node:test (see scripts/test/run-all.ts).
import lwcJest from '@salesforce/sfdx-lwc-jest/config.js';

export default {
  ...lwcJest.jestConfig,
  roots: ['<rootDir>/force-app'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
  setupFilesAfterEnv: [...(lwcJest.jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/config/jest/sa11y-setup.js'],
  collectCoverageFrom: ['force-app/**/lwc/**/*.js', '!**/__tests__/**'],
  coverageDirectory: 'reports/lwc-coverage',
  coverageThreshold: {
    global: { statements: 90, branches: 85, functions: 90, lines: 90 }
  }
};
