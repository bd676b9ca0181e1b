/**
 * `npm run token -- --role clerk --org fire [--sub alice] [--name "Alice"] [--ttl 3600]`: signs an HS256
 * token with JWT_SECRET or the development secret and prints only the token, so that
 * `TOKEN=$(npm run -s token -- --role clerk --org fire)` works. Usage and errors go to stderr, exit code 2.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { resolveJwtKeys } from '../auth/jwt-keys.ts';
import { PRINCIPAL_ROLES, isPrincipalRole } from '../auth/principal.ts';
import { MAX_TOKEN_LIFETIME_SECONDS, signDevelopmentToken } from '../auth/tokens.ts';

const USAGE = `usage: npm run -s token -- --role <role> [--org <org>] [--sub <user id>] [--name <display name>] [--ttl <seconds>]

  --role  one of ${PRINCIPAL_ROLES.join(', ')}
  --org   applicant: the enterprise's USCC; clerk: the department code (e.g. fire, planning);
          agent: the service team's code; optional for auditor and admin
  --sub   user id (default: <role>-<org or role>, e.g. clerk-fire)
  --name  display name
  --ttl   lifetime in seconds (default: 28800, 8 hours; at most 86400, 24 hours)

Signs with JWT_SECRET, or in development with the secret kept in the data folder (DATA_DIR).
RS256/ES256 deployments get their tokens from the identity provider.`;

/** A mistake in the command line: answered with the usage text. */
class UsageError extends Error {}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const role = values.role;
  if (!role) throw new UsageError('--role is required');
  if (!isPrincipalRole(role))
    throw new UsageError(`--role must be one of ${PRINCIPAL_ROLES.join(', ')}, got ${role}`);
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) {
    throw new UsageError(`--ttl must be a positive whole number of seconds, got ${values.ttl}`);
  }
  // The service refuses longer-lived tokens: never print one.
  if (ttl !== undefined && ttl > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new UsageError(
      `--ttl must be at most ${MAX_TOKEN_LIFETIME_SECONDS} seconds (24 hours), got ${values.ttl}`,
    );
  }

  const config = loadConfig();
  // Checked before resolving keys so that an RS256 deployment gets the real reason, not a key error.
  if (config.jwt.algorithm !== 'HS256') {
    throw new Error(
      `JWT_ALGORITHM is ${config.jwt.algorithm}: tokens come from the identity provider; ` +
        'this tool signs HS256 tokens only (JWT_SECRET or the development secret)',
    );
  }
  const keys = resolveJwtKeys(config);
  if (keys.devSecretCreated) {
    process.stderr.write(`generated a development JWT secret in ${keys.devSecretPath}\n`);
  }

  const org = values.org ?? null;
  const sub = values.sub ?? `${role}-${org ?? role}`;
  const token = signDevelopmentToken(keys, { sub, role, org, name: values.name }, ttl);
  process.stdout.write(`${token}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // parseArgs reports unknown options and missing values as TypeErrors with an ERR_PARSE_ARGS_* code.
  const usage =
    error instanceof UsageError ||
    String((error as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS');
  process.stderr.write(usage ? `${message}\n\n${USAGE}\n` : `token: ${message}\n`);
  // exitCode, not exit(): lets stdout and stderr drain when they are pipes.
  process.exitCode = 2;
}
