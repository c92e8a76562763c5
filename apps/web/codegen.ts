import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations: `graphql(...)` from src/gql, generated from the committed schema.gql.
// Paths are from the repository root. Run `npm run web:codegen` after changing an operation or the schema; CI runs `web:codegen:check`.
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Money: 'number', Long: 'number', NumberList: '(number | null)[]' },
        defaultScalarType: 'unknown',
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
