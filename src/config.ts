import path from 'node:path';
import { ConfigError } from './config-error.ts';
import { readOidc, type OidcConfig } from './config-oidc.ts';
import { readExchange, type ExchangeConfig } from './config-exchange.ts';
import { readRatingConfig, type RatingConfig } from './config-ratings.ts';

// ConfigError has a module of its own so that config-oidc.ts can throw it without an import cycle.
export { ConfigError } from './config-error.ts';
export type { OidcConfig } from './config-oidc.ts';
export type { RatingConfig } from './config-ratings.ts';

/** The JWT algorithms the service accepts; exactly one is pinned by configuration. */
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

/** Where the data lives: an embedded SQLite file, or a PostgreSQL server shared by several instances. */
export type DatabaseConfig = { client: 'sqlite'; filename: string } | { client: 'pg'; connection: string };

/** Everything the service reads from its environment, checked once at start. */
export interface Config {
  port: number;
  /**
   * The listening address (`HOST`): `127.0.0.1` by default while the development secret is in use, so that its
   * open sign-in is never reachable from the network; otherwise undefined, meaning every interface.
   */
  host?: string;
  database: DatabaseConfig;
  /** Folder for the SQLite file and the development JWT secret. */
  dataDir: string;
  /** `JWT_SECRET` / `JWT_PUBLIC_KEY` as given; both unset in development means "generate one". */
  jwt: {
    algorithm: JwtAlgorithm;
    secret?: string;
    publicKey?: string;
    /** `JWT_AUDIENCE` / `JWT_ISSUER`: when set, a token must carry this `aud` / `iss`. */
    audience?: string;
    issuer?: string;
  };
  /** Sign-in through the identity provider (OpenID Connect, docs/sign-in.md); absent without `OIDC_ISSUER`. */
  oidc?: OidcConfig;
  /**
   * Express's `trust proxy` (`TRUST_PROXY`): how many reverse proxies, or which addresses, may say who the
   * client is in X-Forwarded-For; false (unset) trusts none. The per-address limits count what it gives.
   */
  trustProxy: number | string | false;
  /** Requests per minute: failed authentications per client address, authenticated calls per subject. */
  rateLimits: { authFailuresPerMinute: number; perSubjectPerMinute: number; publicPerMinute: number };
  /** `GET /metrics`: its bearer token (`METRICS_TOKEN`), and how long one read of the database figures serves. */
  metrics: { token?: string; intervalSeconds: number };
  logLevel: string;
  production: boolean;
  /** SQLite `synchronous` pragma: NORMAL survives a killed process, FULL also a power cut. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  schedulerIntervalMs: number;
  /**
   * Messages to a receiver of the operator's choosing (an SMS gateway, a messaging service): `NOTIFY_WEBHOOK_URL`
   * receives each message as JSON signed with `NOTIFY_WEBHOOK_SECRET`; a receiver that has not answered within
   * `NOTIFY_WEBHOOK_TIMEOUT_MS` (5000) counts as failed. Absent without a URL.
   */
  webhook?: { url: string; secret: string; timeoutMs: number };
  /** Failed deliveries before an outbox message is parked as dead (`OUTBOX_MAX_ATTEMPTS`, 16). */
  outboxMaxAttempts: number;
  /** Electronic licences (docs/api.md, Licences). */
  licences: LicenceConfig;
  exchange: ExchangeConfig;
  /**
   * The credit register (docs/domain.md, "Approval on pledge"): `CREDIT_FALSE_PLEDGE_MONTHS`, the months a false
   * pledge excludes the enterprise from approval on pledge from the record's publication (广州: 6).
   */
  credit: { falsePledgeMonths: number };
  /** Ratings (好差评): the local follow-up limits and default ratings (docs/domain.md, Ratings). */
  ratings: RatingConfig;
}

/** What the licences read from the environment. */
export interface LicenceConfig {
  /**
   * `LICENCE_REGION_CODE`: the 6-digit administrative division code (GB/T 2260) that starts a licence number
   * when the project names none; 360200 (Jingdezhen, where the examples' zone lies) unless set.
   */
  regionCode: string;
  /** `LICENCE_SIGNING_KEY`: the SM2 private key (PEM); unset means the development key in the data folder. */
  signingKey?: string;
  /** `PUBLIC_BASE_URL`: where the public reaches the service; the QR code points at `<base>/verify/<number>`. */
  publicBaseUrl: string;
  /** `LICENCE_REPORT_URL`: the provincial platform's endpoint that each issued licence is posted to. */
  reportUrl?: string;
}

const ALGORITHMS: readonly JwtAlgorithm[] = ['HS256', 'RS256', 'ES256'];

/** An empty variable counts as unset (docs/api.md, Configuration). */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** `DATA_DIR`, else the SQLite file's folder, else `data`: where secrets, keys and material files are kept. */
export function dataDirFor(
  configured: string | undefined,
  database: ReturnType<typeof parseDatabaseUrl>,
): string {
  return path.resolve(
    configured ??
      (database.client === 'sqlite' && database.filename !== ':memory:'
        ? path.dirname(database.filename)
        : 'data'),
  );
}

/** Reads `DATABASE_URL`: `postgres://…`, `sqlite:PATH` or a plain file path. */
export function parseDatabaseUrl(url: string | undefined): DatabaseConfig {
  if (!url) return { client: 'sqlite', filename: path.resolve('data', 'zerotrip.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { client: 'pg', connection: url };
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : url;
  if (!file)
    throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/zerotrip.db');
  return { client: 'sqlite', filename: file === ':memory:' ? file : path.resolve(file) };
}

/** A whole number above zero from `name`, or `fallback` when unset. */
function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = read(env, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a whole number above zero, got ${text}`);
  }
  return value;
}

/** `TRUST_PROXY`: a number of hops, or addresses and subnets (`loopback`, `10.0.0.0/8`, …); never "all". */
function readTrustProxy(text: string | undefined): number | string | false {
  if (text === undefined || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true') {
    // Trusting every sender of X-Forwarded-For would let any client pick its own address and evade the limits.
    throw new ConfigError(
      'TRUST_PROXY=true would trust any client to name its own address; give the number of proxies in front ' +
        '(e.g. 1) or their addresses (e.g. loopback, 10.0.0.0/8)',
    );
  }
  return text;
}

/** Reads and checks the environment. Throws ConfigError with a message an operator can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(read(env, 'PORT') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be 0–65535, got ${env.PORT}`);

  const database = parseDatabaseUrl(read(env, 'DATABASE_URL'));
  const dataDir = dataDirFor(read(env, 'DATA_DIR'), database);

  const secret = read(env, 'JWT_SECRET');
  const publicKey = read(env, 'JWT_PUBLIC_KEY');
  const algorithm = (read(env, 'JWT_ALGORITHM') ?? (publicKey ? 'RS256' : 'HS256')) as JwtAlgorithm;
  if (!ALGORITHMS.includes(algorithm)) {
    throw new ConfigError(`JWT_ALGORITHM must be one of ${ALGORITHMS.join(', ')}, got ${algorithm}`);
  }
  if (algorithm === 'HS256' && !secret && publicKey) {
    throw new ConfigError('JWT_ALGORITHM=HS256 needs JWT_SECRET; JWT_PUBLIC_KEY is for RS256 or ES256');
  }
  if (algorithm !== 'HS256' && !publicKey)
    throw new ConfigError(`JWT_ALGORITHM=${algorithm} needs JWT_PUBLIC_KEY`);
  if (production && !secret && !publicKey && !read(env, 'OIDC_ISSUER')) {
    throw new ConfigError(
      'NODE_ENV=production needs OIDC_ISSUER, JWT_SECRET or JWT_PUBLIC_KEY (no development secret in production)',
    );
  }

  const rateLimits = {
    authFailuresPerMinute: positiveInteger(env, 'RATE_LIMIT_AUTH_FAILURES', 60),
    // High enough that a busy clerk's console and the benchmark's clients are never slowed by it.
    perSubjectPerMinute: positiveInteger(env, 'RATE_LIMIT_PER_SUBJECT', 60_000),
    // Public routes that compute (the guide before sign-in), per client address: a person filling in the console never reaches it.
    publicPerMinute: positiveInteger(env, 'RATE_LIMIT_PUBLIC', 120),
  };
  const trustProxy = readTrustProxy(read(env, 'TRUST_PROXY'));
  const metricsInterval = Number(read(env, 'METRICS_INTERVAL_SECONDS') ?? 15);
  if (!(metricsInterval >= 0 && metricsInterval <= 3600)) {
    throw new ConfigError(
      `METRICS_INTERVAL_SECONDS must be 0–3600 seconds, got ${env.METRICS_INTERVAL_SECONDS}`,
    );
  }

  const synchronous = (read(env, 'SQLITE_SYNCHRONOUS') ?? 'NORMAL').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    throw new ConfigError(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, got ${synchronous}`);
  }
  const schedulerIntervalMs = Number(read(env, 'SCHEDULER_INTERVAL_MS') ?? 1000);
  if (!(schedulerIntervalMs >= 10)) throw new ConfigError('SCHEDULER_INTERVAL_MS must be at least 10');

  const webhook = readWebhook(env, production);
  const outboxMaxAttempts = positiveInteger(env, 'OUTBOX_MAX_ATTEMPTS', 16);
  const licences = readLicenceConfig(env, production, port);
  const oidc = readOidc((name) => read(env, name), production);
  const exchange = readExchange((name) => read(env, name));
  if (oidc && (secret || publicKey)) {
    throw new ConfigError(
      `OIDC_ISSUER cannot be combined with ${secret ? 'JWT_SECRET' : 'JWT_PUBLIC_KEY'}: with an identity provider ` +
        "the service takes its keys from the provider's JWKS; unset one of them",
    );
  }

  // Without a configured key the development secret signs tokens for anyone who asks: local only by default.
  const host = read(env, 'HOST') ?? (!secret && !publicKey && !oidc ? '127.0.0.1' : undefined);

  return {
    port,
    ...(host !== undefined ? { host } : {}),
    database,
    dataDir,
    jwt: {
      algorithm,
      secret,
      publicKey,
      audience: read(env, 'JWT_AUDIENCE'),
      issuer: read(env, 'JWT_ISSUER'),
    },
    ...(oidc ? { oidc } : {}),
    trustProxy,
    rateLimits,
    metrics: { token: read(env, 'METRICS_TOKEN'), intervalSeconds: metricsInterval },
    logLevel: read(env, 'LOG_LEVEL') ?? 'info',
    production,
    sqliteSynchronous: synchronous,
    schedulerIntervalMs,
    ...(webhook ? { webhook } : {}),
    outboxMaxAttempts,
    licences,
    exchange,
    credit: { falsePledgeMonths: positiveInteger(env, 'CREDIT_FALSE_PLEDGE_MONTHS', 6) },
    ratings: readRatingConfig(env),
  };
}

/** The licences' settings; production needs a real signing key and the public address the QR code names. */
function readLicenceConfig(env: NodeJS.ProcessEnv, production: boolean, port: number): LicenceConfig {
  const regionCode = read(env, 'LICENCE_REGION_CODE') ?? '360200';
  if (!/^[0-9]{6}$/.test(regionCode)) {
    throw new ConfigError(
      `LICENCE_REGION_CODE must be a 6-digit administrative division code, got ${regionCode}`,
    );
  }
  // PEM in an environment variable often arrives with its line breaks written as \n.
  const signingKey = read(env, 'LICENCE_SIGNING_KEY')?.replace(/\\n/g, '\n');
  if (production && !signingKey) {
    throw new ConfigError(
      'NODE_ENV=production needs LICENCE_SIGNING_KEY, the SM2 private key (PEM) that signs licences ' +
        '(no development key in production)',
    );
  }
  const base = read(env, 'PUBLIC_BASE_URL');
  if (production && !base) {
    throw new ConfigError(
      'NODE_ENV=production needs PUBLIC_BASE_URL, the address where the public verifies a licence (its QR code)',
    );
  }
  const publicBaseUrl = (base ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicBaseUrl)) {
    throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got ${base}`);
  }
  const reportUrl = read(env, 'LICENCE_REPORT_URL');
  if (reportUrl !== undefined && !/^https?:\/\/\S+$/.test(reportUrl)) {
    throw new ConfigError(`LICENCE_REPORT_URL must be an http(s) URL, got ${reportUrl}`);
  }
  return {
    regionCode,
    ...(signingKey ? { signingKey } : {}),
    publicBaseUrl,
    ...(reportUrl ? { reportUrl } : {}),
  };
}

/** `NOTIFY_WEBHOOK_URL` with its secret and timeout; a URL without a secret would send unsigned messages. */
function readWebhook(env: NodeJS.ProcessEnv, production: boolean): Config['webhook'] {
  const url = read(env, 'NOTIFY_WEBHOOK_URL');
  const secret = read(env, 'NOTIFY_WEBHOOK_SECRET');
  if (!url) {
    if (secret)
      throw new ConfigError(
        'NOTIFY_WEBHOOK_SECRET is set but NOTIFY_WEBHOOK_URL is not; set both or neither',
      );
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`NOTIFY_WEBHOOK_URL must be an http(s) URL, got ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`NOTIFY_WEBHOOK_URL must be an http(s) URL, got ${url}`);
  }
  if (production && parsed.protocol !== 'https:') {
    throw new ConfigError(
      'NODE_ENV=production needs an https NOTIFY_WEBHOOK_URL (messages name people and cases)',
    );
  }
  if (!secret || secret.length < 16) {
    throw new ConfigError(
      'NOTIFY_WEBHOOK_URL needs NOTIFY_WEBHOOK_SECRET of at least 16 characters, to sign each message (X-ZeroTrip-Signature)',
    );
  }
  return { url, secret, timeoutMs: positiveInteger(env, 'NOTIFY_WEBHOOK_TIMEOUT_MS', 5000) };
}
