import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  schema: './edge/db/schema.ts',
  out: './migrations',
  dialect: 'turso',
  dbCredentials: { url: process.env.LIBSQL_URL ?? 'file:.data/portal.db' },
});
