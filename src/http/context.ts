import type { Logger } from 'pino';
import type { DevelopmentTokenClaims, TokenVerifier } from '../auth/tokens.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { Database } from '../db/index.ts';
import type { Clock } from '../engine/clock.ts';
import type { Engine } from '../engine/engine.ts';
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
  /** The console's sessions after a sign-in through the identity provider; absent without one. */
  sessions?: Sessions;
  /** Development sign-in; absent in production and where the service cannot sign tokens. */
  signDevelopmentToken?: (claims: DevelopmentTokenClaims) => string;
}
