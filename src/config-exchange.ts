/**
 * The national data exchange's settings (docs/exchange.md): where the pusher posts the records and how
 * often. Without `SPGL_PUSH_URL` nothing is pushed; the export route works either way.
 */
import { ConfigError } from './config-error.ts';

/** What the exchange reads from the environment. */
export interface ExchangeConfig {
  /** `SPGL_PUSH_URL`: the provincial platform's endpoint for the record batches. */
  pushUrl?: string;
  /** `SPGL_PUSH_INTERVAL_MS`: how often a batch is cut; five minutes, as the platforms collect, unless set. */
  pushIntervalMs: number;
  /** `SPGL_BATCH_SIZE`: records per batch, 500 unless set. */
  batchSize: number;
}

/** Reads and checks the exchange's variables; `read` treats an empty variable as unset. */
export function readExchange(read: (name: string) => string | undefined): ExchangeConfig {
  const pushUrl = read('SPGL_PUSH_URL');
  if (pushUrl !== undefined && !/^https?:\/\/\S+$/.test(pushUrl)) {
    throw new ConfigError(`SPGL_PUSH_URL must be an http(s) address, got ${pushUrl}`);
  }
  const number = (name: string, fallback: number, min: number) => {
    const text = read(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) {
      throw new ConfigError(`${name} must be a whole number of at least ${min}, got ${text}`);
    }
    return value;
  };
  return {
    ...(pushUrl !== undefined ? { pushUrl } : {}),
    pushIntervalMs: number('SPGL_PUSH_INTERVAL_MS', 300_000, 1000),
    batchSize: number('SPGL_BATCH_SIZE', 500, 1),
  };
}
