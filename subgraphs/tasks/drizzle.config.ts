import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Disputes and withdrawals (issue 17) and questions keep their own files.
  schema: ['./src/db/tables.ts', './src/db/dispute-tables.ts', './src/db/question-tables.ts'],
  out: './drizzle',
  schemaFilter: ['tasks'],
});
