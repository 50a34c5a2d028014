import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/tables.ts', './src/db/account-token-tables.ts'],
  out: './drizzle',
  schemaFilter: ['users'],
});
