import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/tables.ts', './src/db/question-tables.ts'],
  out: './drizzle',
  schemaFilter: ['tasks'],
});
