/**
 * How old a record must be before the export and the pusher hand it on (`EXCHANGE_SETTLE_MS`, 5 s unless
 * set). Record ids are taken when a transaction writes, not when it commits: on PostgreSQL with several
 * instances a record may become visible after a later one, and a cursor already past it would skip it. Every
 * event's transaction is short, so a few seconds' wait lets the late one land before the cursor moves.
 */
export const EXCHANGE_SETTLE_MS =
  Number(process.env.EXCHANGE_SETTLE_MS) >= 0 && process.env.EXCHANGE_SETTLE_MS !== undefined
    ? Number(process.env.EXCHANGE_SETTLE_MS)
    : 5_000;
