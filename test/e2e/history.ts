import { permitHistoryEvents, permitHistoryLine } from '../fixtures/permit-history.ts';
import type { HistoricalEvent } from '../../src/import/index.ts';
import { ndjson, parseNdjson } from '../support/import.ts';
import type { TestService } from '../support/http.ts';

const DAY = 24 * 3600 * 1000;

/** The fixture's history moved by whole weeks (weekdays stay weekdays), the last `lateDays` later still. */
function shifted(weeks: number, lateDays = 0): HistoricalEvent[] {
  const events = permitHistoryEvents();
  return events.map((event, i) => {
    const extra = i >= events.length - 2 ? lateDays : 0;
    const at = new Date(Date.parse(event.at) + (weeks * 7 + extra) * DAY).toISOString();
    return { ...event, at };
  });
}

/**
 * Past permit cases decided from October 2025 to February 2026, one of them late, imported as an
 * administrator would: the auditor's charts then have bars to draw (none in March, the tests' own month).
 */
export async function importPastCases(svc: TestService): Promise<void> {
  const lines = [shifted(0), shifted(4), shifted(9), shifted(13), shifted(5, 84)].map((events) =>
    permitHistoryLine(events),
  );
  const admin = svc.token({ sub: 'admin-1', role: 'admin' });
  const response = await svc.request('POST', '/api/v1/admin/import', {
    token: admin,
    rawBody: ndjson(lines),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  const results = parseNdjson(String(response.body));
  const refused = results.filter((r) => !r.ok);
  if (response.status !== 200 || refused.length) {
    throw new Error(
      `import answered ${response.status}: ${JSON.stringify(refused.length ? refused : response.body)}`,
    );
  }
}
