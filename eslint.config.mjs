import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const infrastructure = ['@nestjs/*', 'pg', 'pg-*', 'bullmq', 'ioredis', '@electric-sql/*', '@kurrent/*', 'fastify', 'nodemailer', 'exceljs'];

export default [
  { ignores: ['**/dist', '**/node_modules', '**/data', '**/tmp', '**/.nx'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // The API's wire shapes (libs/contracts): every layer may speak them, they depend on nothing but TypeBox (their schemas).
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], allowedExternalImports: ['@sinclair/typebox'] },
            // Domain code is pure: no framework, no database, no queue.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'], bannedExternalImports: infrastructure },
            // Projections are functions of events: domain types only, no I/O libraries.
            { sourceTag: 'type:projections', onlyDependOnLibsWithTags: ['type:domain', 'type:projections', 'type:contracts'], bannedExternalImports: ['@nestjs/*', 'pg', 'bullmq', 'ioredis', '@electric-sql/*', '@kurrent/*'] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:domain', 'type:projections', 'type:infrastructure', 'type:contracts'] },
            // The platform floor: ports, request context, problems, auth, persistence, command handling. It knows no bounded context.
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:infrastructure', 'type:platform', 'type:contracts'] },
            { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:domain', 'type:projections', 'type:infrastructure', 'type:platform', 'type:application', 'type:contracts'] },
            // Bounded contexts reach each other only through ports the other implements (wired by the apps).
            { sourceTag: 'context:budget', notDependOnLibsWithTags: ['context:execution', 'context:reminders'] },
            { sourceTag: 'context:execution', notDependOnLibsWithTags: ['context:budget', 'context:reminders'] },
            { sourceTag: 'context:reminders', notDependOnLibsWithTags: ['context:budget', 'context:execution'] },
            // The list of every context's read models, for the apps.
            { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:domain', 'type:infrastructure', 'type:platform', 'type:application', 'type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:projections', 'type:infrastructure', 'type:platform', 'type:application', 'type:testing', 'type:contracts'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Plain CommonJS config and start-up files.
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web console is a browser bundle built by Vite (apps/web/tsconfig.json), not an Nx library consumer: it talks
    // to the service over HTTP and imports only the API's contracts (types and constant lists, `@budgetflow/contracts`)
    // and the static table-layout labels of the projections library.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', '**/testing/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
