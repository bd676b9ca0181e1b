import path from 'node:path';
import { pino, type Logger } from 'pino';
import { createApp } from './app.ts';
import { resolveJwtKeys, type JwtKeys } from './auth/jwt-keys.ts';
import { createTokenVerifier, signDevelopmentToken, type DevelopmentTokenClaims } from './auth/tokens.ts';
import { loadCalendar } from './calendar/index.ts';
import type { Config } from './config.ts';
import { type Database, groupCommitFor, openDatabase } from './db/index.ts';
import { prepareDatabase } from './setup/prepare-database.ts';
import type { SeedResult } from './setup/seed-reference-data.ts';
import { systemClock, type Clock } from './engine/clock.ts';
import { Engine } from './engine/engine.ts';
import { Idempotency } from './http/idempotency.ts';
import {
  FileBlobStore,
  materialRules,
  noLicences,
  PostgresBlobStore,
  type BlobStore,
  type LicenceLookup,
} from './materials/index.ts';
import type { HttpContext } from './http/context.ts';
import { createRegistry } from '../workflows/index.ts';
import type { Express } from 'express';

/** A ready service: migrated and seeded database, engine, and the Express app (not yet listening). */
export interface Service {
  app: Express;
  ctx: HttpContext;
  db: Database;
  engine: Engine;
  keys: JwtKeys;
  seeded: SeedResult;
  logger: Logger;
  /** The files of the materials (the scheduler sweeps the unreferenced ones). */
  blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * Builds the service from its configuration: opens the database, migrates it, seeds reference data an empty
 * database lacks, loads the calendar and the workflows. Used by the server and, with a fixed clock, by tests.
 */
export async function buildService(
  config: Config,
  options: { clock?: Clock; logger?: Logger; db?: Database; licences?: LicenceLookup } = {},
): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const db = options.db ?? openDatabase(config.database, config);
  const seeded = await prepareDatabase(db, clock.now());
  const calendar = await loadCalendar(db);
  const registry = createRegistry(calendar);
  const engine = new Engine({
    db,
    registry,
    calendar,
    clock,
    groupCommit: groupCommitFor(db),
    eventRules: materialRules(db),
  });
  const blobs = materialBlobs(config, db);
  const keys = resolveJwtKeys(config);
  const ctx: HttpContext = {
    db,
    engine,
    registry,
    calendar,
    clock,
    logger,
    idempotency: new Idempotency(db, clock),
    verifyToken: createTokenVerifier(keys),
    // Licences are not issued by this service yet: citing one is refused as not found (docs/api.md, Materials).
    materials: { blobs, licences: options.licences ?? noLicences },
    // Only on the secret the service generated for itself: with any configured key, in every NODE_ENV, an open
    // sign-in would hand real tokens to anyone who asks.
    ...(keys.source === 'development secret'
      ? { signDevelopmentToken: (claims: DevelopmentTokenClaims) => signDevelopmentToken(keys, claims) }
      : {}),
  };
  return {
    blobs,
    app: createApp(ctx, config),
    ctx,
    db,
    engine,
    keys,
    seeded,
    logger,
    close: () => db.knex.destroy(),
  };
}

/**
 * Where the files of the materials live: inside PostgreSQL when the service runs on it, so that every instance
 * serves every file; else under the data folder. Uploads stream to `<dataDir>/materials/tmp` first either way.
 */
function materialBlobs(config: Config, db: Database): BlobStore {
  const root = path.join(config.dataDir, 'materials');
  return config.database.client === 'pg'
    ? new PostgresBlobStore(db, path.join(root, 'tmp'))
    : new FileBlobStore(root);
}
