import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { createApp } from './app.ts';
import { resolveJwtKeys, type JwtKeys } from './auth/jwt-keys.ts';
import { createProviderTokenVerifier } from './auth/provider-tokens.ts';
import { createCookieSealer } from './auth/sealed-cookie.ts';
import {
  createTokenVerifier,
  signDevelopmentToken,
  type DevelopmentTokenClaims,
  type TokenVerifier,
} from './auth/tokens.ts';
import { loadCalendar } from './calendar/index.ts';
import type { Config } from './config.ts';
import { type Database, groupCommitFor, openDatabase } from './db/index.ts';
import { prepareDatabase } from './setup/prepare-database.ts';
import type { SeedResult } from './setup/seed-reference-data.ts';
import { systemClock, type Clock } from './engine/clock.ts';
import { Engine } from './engine/engine.ts';
import { nameFromForm } from './directory/index.ts';
import { exchangeObserver } from './exchange/index.ts';
import { projectFromCase } from './projects/index.ts';
import { Idempotency } from './http/idempotency.ts';
import { notificationObserver } from './notifications/index.ts';
import { reviewObserver } from './experts/index.ts';
import { milestoneObserver } from './task-forces/index.ts';
import {
  FileBlobStore,
  materialRules,
  PostgresBlobStore,
  type BlobStore,
  type LicenceLookup,
} from './materials/index.ts';
import type { HttpContext } from './http/context.ts';
import { createSessions } from './http/sessions.ts';
import { discoverProvider, type SignIn } from './sign-in/index.ts';
import { createRegistry } from '../workflows/index.ts';
import {
  findLicence,
  licenceObserver,
  rememberSigningKey,
  resolveSigningKey,
  type SigningKey,
} from './licences/index.ts';
import { creditObserver } from './credit/index.ts';
import { ratingFollowUpObserver } from './ratings/index.ts';
import type { Express } from 'express';

/** A ready service: migrated and seeded database, engine, and the Express app (not yet listening). */
export interface Service {
  app: Express;
  ctx: HttpContext;
  db: Database;
  engine: Engine;
  /** The configured (or development) key; undefined with an identity provider, whose JWKS gives the keys. */
  keys?: JwtKeys;
  /** The sign-in through the identity provider, when `OIDC_ISSUER` is set. */
  signIn?: SignIn;
  /** The key that signs licences (its source says whether it is the development key). */
  licenceKey: SigningKey;
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
    eventRules: materialRules(),
  });
  // Messages commit with the event that calls for them, on every path (request, timer, import).
  engine.observe(
    notificationObserver({ registry, reader: db.dialect, webhook: config.webhook !== undefined }),
  );
  const blobs = materialBlobs(config, db);
  // The directory learns an enterprise's name from its own submitted form, with the event.
  engine.observe(nameFromForm);
  // A project is known from the cases that name its code, with the event.
  engine.observe(projectFromCase);
  // The investment pre-review's figures rows and the investor's notices commit with the event.
  engine.observe(reviewObserver({ registry, reader: db.dialect, webhook: config.webhook !== undefined }));
  // A key project's stage milestones take their dates from approvals, with the approving event.
  engine.observe(milestoneObserver(registry));
  const signIn = config.oidc ? await startSignIn(config, logger) : undefined;
  const keys = signIn ? undefined : resolveJwtKeys(config);
  const verifyToken: TokenVerifier = signIn
    ? createProviderTokenVerifier({
        issuer: signIn.provider.issuer,
        audience: signIn.config.audience,
        jwksUri: signIn.provider.jwksUri,
        algorithms: signIn.provider.algorithms,
        claimsMap: signIn.config.claimsMap,
      })
    : createTokenVerifier(keys!);
  const licenceKey = resolveSigningKey(config.licences.signingKey, config.dataDir);
  await rememberSigningKey(db, licenceKey.keyId, licenceKey.publicPem, clock.now());
  // Before the first event: the licence an ISSUE produces commits with it, whatever path the event took.
  engine.observe(
    licenceObserver({ engine, calendar, key: licenceKey, regionCode: config.licences.regionCode }),
  );
  // After the licences: the national exchange reports an ISSUE's approval document, which is the licence.
  engine.observe(
    exchangeObserver({
      registry,
      reader: db.dialect,
      regionCode: config.licences.regionCode,
      publicBaseUrl: config.licences.publicBaseUrl,
    }),
  );
  // After the licences': a pledged case's issue opens the verification of the licence it produced.
  engine.observe(
    creditObserver({
      engine,
      falsePledgeMonths: config.credit.falsePledgeMonths,
      webhook: config.webhook !== undefined,
    }),
  );
  // A bad rating's follow-up writes its outcome onto the rating with each of its events.
  engine.observe(ratingFollowUpObserver({ webhook: config.webhook !== undefined }));
  const ctx: HttpContext = {
    db,
    engine,
    registry,
    calendar,
    clock,
    logger,
    idempotency: new Idempotency(db, clock),
    verifyToken,
    ...(signIn ? { sessions: signIn.sessions } : {}),
    // A cited licence is looked up live among those this service issued (电子证照免提交).
    materials: { blobs, licences: options.licences ?? ((number) => findLicence(db, number)) },
    publicBaseUrl: config.licences.publicBaseUrl,
    webhook: config.webhook !== undefined,
    ratings: config.ratings,
    // Only on the secret the service generated for itself: with any configured key, in every NODE_ENV, an open
    // sign-in would hand real tokens to anyone who asks.
    ...(keys?.source === 'development secret'
      ? { signDevelopmentToken: (claims: DevelopmentTokenClaims) => signDevelopmentToken(keys, claims) }
      : {}),
  };
  return {
    blobs,
    app: createApp(ctx, config, signIn),
    ctx,
    db,
    engine,
    ...(keys ? { keys } : {}),
    ...(signIn ? { signIn } : {}),
    licenceKey,
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

/**
 * Reads the identity provider's discovery document and prepares the sessions. Without `OIDC_COOKIE_SECRET`
 * (refused in production) the cookies are sealed with a key of this process: sessions end when it stops.
 */
async function startSignIn(config: Config, logger: Logger): Promise<SignIn> {
  const oidc = config.oidc!;
  const provider = await discoverProvider(oidc);
  if (!oidc.cookieSecret) {
    logger.warn(
      'OIDC_COOKIE_SECRET is not set: sessions are sealed with a key of this process and end when it stops ' +
        '(one instance only); set it in production',
    );
  }
  const sealer = createCookieSealer(oidc.cookieSecret ?? randomBytes(32));
  const sessions = createSessions(sealer, oidc.redirectUri ? new URL(oidc.redirectUri).origin : undefined);
  return { config: oidc, provider, sealer, sessions };
}
