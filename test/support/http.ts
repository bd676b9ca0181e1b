import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { isKnownCode } from '../../src/errors/index.ts';
import { FixedClock } from '../../src/engine/clock.ts';
import { buildService, type Service } from '../../src/service.ts';
import { openMigratedTestDatabase, type DatabaseKind } from './databases.ts';

// The steps on cases live in case-steps.ts; the tests take them from here along with the service.
export * from './case-steps.ts';

/** The claims a test token carries; anything else (e.g. a missing `org`) is up to the test. */
export interface TestClaims {
  sub: string;
  role: string;
  org?: string | null;
  name?: string;
  [claim: string]: unknown;
}

/** Ways to spoil a token for the refusal tests. */
export interface TokenOptions {
  /** Seconds from now until the token expires (negative: already expired); 3600 unless told. */
  expiresIn?: number;
  /** Leave `exp` out altogether. */
  noExp?: boolean;
  /** Sign with another secret than the service's. */
  secret?: string;
  /** `none` builds an unsigned token by hand; jsonwebtoken refuses to. */
  algorithm?: jwt.Algorithm | 'none';
}

/** One answer from the app: the body is parsed JSON when the response says it is JSON, else text. */
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** What a test may put in a request. */
export interface RequestOptions {
  /** The raw token (without "Bearer "); omitted means no Authorization header. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, with `Content-Type: application/json` unless `headers` say otherwise. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** The real app on an ephemeral port, on a fresh database and a fixed clock. */
export interface TestService {
  baseUrl: string;
  clock: FixedClock;
  service: Service;
  secret: string;
  token(claims: TestClaims, options?: TokenOptions): string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** How a test wants the service configured, beyond the defaults. */
export interface TestServiceOptions {
  /**
   * Start as a developer would: no JWT_SECRET, so the service generates its development secret (in a temporary
   * data folder) and offers the development sign-in. Tokens from `token()` are signed with that secret.
   */
  developmentSecret?: boolean;
  /** More environment variables for `loadConfig` (e.g. a small rate limit); with `OIDC_ISSUER`, no `JWT_SECRET`. */
  env?: Record<string, string>;
  /** Every log line of the service (JSON, from debug up) is pushed here; otherwise the service logs nothing. */
  logLines?: string[];
}

/** Builds the service on a brand-new `kind` database and listens on port 0; a Monday morning in Shanghai. */
export async function startTestService(
  kind: DatabaseKind,
  at: string | Date = '2026-03-02T09:00:00+08:00',
  options: TestServiceOptions = {},
): Promise<TestService> {
  const database = await openMigratedTestDatabase(kind);
  // A data folder of its own: the development secret when asked for, and the material files (SQLite).
  const dataDir = mkdtempSync(join(tmpdir(), 'zt-data-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  let secret = randomBytes(32).toString('hex');
  const clock = new FixedClock(at);
  let service: Service;
  try {
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      ...(options.developmentSecret || options.env?.OIDC_ISSUER ? {} : { JWT_SECRET: secret }),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      ...options.env,
    };
    service = await buildService(loadConfig(env), {
      clock,
      db: database.db,
      logger: options.logLines
        ? pino({ level: 'debug' }, { write: (line: string) => void options.logLines!.push(line) })
        : pino({ level: 'silent' }),
    });
    if (service.keys?.devSecretPath) secret = readFileSync(service.keys.devSecretPath, 'utf8').trim();
  } catch (error) {
    await database.close();
    removeDataDir();
    throw error;
  }
  const server: Server = await new Promise((resolve, reject) => {
    const listening = service.app.listen(0, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    clock,
    service,
    secret,
    token: (claims, options = {}) => signToken(secret, claims, options),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {};
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      let body: string | Uint8Array | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined) headers['content-type'] = 'application/json';
      Object.assign(headers, options.headers);
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      const json = /[/+]json\b/.test(response.headers.get('content-type') ?? '') && text !== '';
      return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // The test database owns the connection pool (service.close would destroy the same knex twice).
      await database.close();
      removeDataDir();
    },
  };
}

function signToken(secret: string, claims: TestClaims, options: TokenOptions): string {
  const payload: Record<string, unknown> = { ...claims };
  if (!options.noExp) payload.exp = Math.floor(Date.now() / 1000) + (options.expiresIn ?? 3600);
  if (options.algorithm === 'none') {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
  }
  return jwt.sign(payload, options.secret ?? secret, { algorithm: options.algorithm ?? 'HS256' });
}

/** The answer is the problem+json refusal of docs/api.md with this status and type slug. */
export function expectProblem(response: TestResponse, status: number, type: string): void {
  expect(response.status, JSON.stringify(response.body)).to.equal(status);
  expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(response.body).to.include({ type, status });
  expect(response.body.title).to.be.a('string');
  expect(response.body.detail).to.be.a('string').that.is.not.empty;
  // docs/api.md (Error codes): every refusal and every field error carries a code of the registry, and params.
  expect(isKnownCode(response.body.code), `code ${response.body.code}`).to.equal(true);
  expect(response.body.params).to.be.an('object');
  for (const found of response.body.errors ?? []) {
    expect(isKnownCode(found.code), `field code ${found.code} at ${found.pointer}`).to.equal(true);
  }
}

/** The pointers of a 422's `errors`. */
export const pointers = (response: TestResponse): string[] =>
  (response.body.errors ?? []).map((e: { pointer: string }) => e.pointer);
