import type { Logger } from 'pino';
import type { RatingConfig } from '../config.ts';
import type { DevelopmentTokenClaims, TokenVerifier } from '../auth/tokens.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { Clock } from '../engine/clock.ts';
import type { Engine } from '../engine/engine.ts';
import type { BlobStore } from '../materials/blob-store.ts';
import type { LicenceLookup } from '../materials/licence-lookup.ts';
import type { WorkflowRegistry } from '../engine/registry.ts';
import type { Idempotency } from './idempotency.ts';
import type { Sessions } from './sessions.ts';

/** What every router is built from. */
export interface HttpContext {
  db: Database;
  engine: Engine;
  registry: WorkflowRegistry;
  calendar: WorkingCalendar;
  clock: Clock;
  logger: Logger;
  idempotency: Idempotency;
  verifyToken: TokenVerifier;
  /** Where the files of the materials are kept, and how a cited electronic licence is looked up. */
  materials: { blobs: BlobStore; licences: LicenceLookup };
  /** Where the public reaches the service (`PUBLIC_BASE_URL`): a licence's QR code names `<base>/verify/<number>`. */
  publicBaseUrl: string;
  /** The ratings' local limits and default ratings (`RATING_*`). */
  ratings: RatingConfig;
  /** The console's sessions after a sign-in through the identity provider; absent without one. */
  sessions?: Sessions;
  /** Whether messages made outside an event (a dispatch's escalations) are queued for the webhook too. */
  webhook?: boolean;
  /** Development sign-in; absent in production and where the service cannot sign tokens. */
  signDevelopmentToken?: (claims: DevelopmentTokenClaims) => string;
}
