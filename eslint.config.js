// Flat config: LWC rules for the Salesforce package, typescript-eslint for the tooling under scripts/.
import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const lwcFiles = ['force-app/**/lwc/**/*.js', 'unpackaged/**/lwc/**/*.js'];

export default [
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      'reports/**',
      '.sfdx/**',
      '.sf/**',
      'scripts/checks/fixtures/**',
      'scripts/local-org/page/dist/**'
    ]
  },
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: lwcFiles })),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'unpackaged/**/lwc/**/__tests__/**/*.js'],
    plugins: { jest: jestPlugin },
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      // Tests drive wire adapters with emit()/error(), which this rule reads as an unexpected adapter use.
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
    }
  },
  ...tseslint.configs.strict.map((config) => ({ ...config, files: ['scripts/**/*.ts'] })),
  {
    files: ['scripts/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['*.js', 'scripts/**/*.js'],
    languageOptions: { globals: globals.node, sourceType: 'module' }
  }
];
