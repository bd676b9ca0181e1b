import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** One JSON log line per request, at debug for successes so that a busy service stays quiet at info. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logRequest(logger, req.method, req.originalUrl, res.statusCode, ms);
    });
    next();
  };
}

/** The log line of one answer; also written by what answers before this middleware (`refuseRepeatedFailures`). */
export function logRequest(logger: Logger, method: string, url: string, status: number, ms: number): void {
  if (status < 500 && !logger.isLevelEnabled('debug')) return;
  const line = { method, url: redactUrl(url), status, ms: Math.round(ms * 10) / 10 };
  if (status >= 500) logger.error(line, 'request failed');
  else logger.debug(line, 'request');
}

/** Query parameters that carry a credential: an authorization code, its state, or a token someone sent. */
const SECRET_PARAMETERS =
  /^(code|state|session_state|token|access_token|id_token|refresh_token|id_token_hint)$/i;

/** The URL for the log: the values of credential parameters replaced, so no code or token is ever logged. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of new Set(params.keys())) {
    if (SECRET_PARAMETERS.test(key)) {
      params.set(key, 'REDACTED');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}
