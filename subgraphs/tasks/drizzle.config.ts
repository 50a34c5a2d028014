import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Disputes and withdrawals (issue 17) keep their own file.
  schema: ['./src/db/tables.ts', './src/db/dispute-tables.ts'],
  out: './drizzle',
  schemaFilter: ['tasks'],
});
