import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';

/** A PostgreSQL database made for one figure: its name, its URL, and the way to drop it after. */
export interface FreshPgDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates `<prefix>_<hex>` through the administrator's URL (PG_ADMIN_URL), so that every figure starts on an
 * empty database and leaves nothing behind: `drop` forces out connections a stopped server left.
 */
export async function freshPgDatabase(adminUrl: string, prefix = 'zerotrip_bench'): Promise<FreshPgDatabase> {
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.destroy();
    throw error;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.destroy();
      }
    },
  };
}
