/**
 * What a case's record asks of its materials, read from its audit log: the papers named by supplement requests
 * not yet answered, and the papers pledged at acceptance while the pledge is open. Pure.
 */

/** The part of an audit record this reads. */
export interface DemandEntry {
  seq: number;
  type: string;
  data: unknown;
}

/** What the record asks for now. */
export interface MaterialDemands {
  /** Codes named by open supplement requests, each with the seq of the latest request naming it. */
  requested: Map<string, number>;
  /** Whether a supplement request is open (asked, and no SUPPLEMENT since). */
  requestOpen: boolean;
  /** Codes pledged at acceptance (容缺) while the pledge is open, with the seq of the acceptance. */
  pledged: Map<string, number>;
}

const items = (data: unknown, key: string): unknown[] => {
  const value = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(value) ? value : [];
};

/**
 * Folds the log: a request opens (and names codes), an acceptance with deficiencies pledges codes, and one
 * SUPPLEMENT answers every open request and delivers the pledge, as the machines have it.
 */
export function demandsOf(history: readonly DemandEntry[]): MaterialDemands {
  const demands: MaterialDemands = { requested: new Map(), requestOpen: false, pledged: new Map() };
  for (const entry of [...history].sort((a, b) => a.seq - b.seq)) {
    switch (entry.type) {
      case 'REQUEST_SUPPLEMENT':
        demands.requestOpen = true;
        for (const asked of items(entry.data, 'materials')) {
          const code = (asked as { code?: unknown }).code;
          if (typeof code === 'string') demands.requested.set(code, entry.seq);
        }
        break;
      case 'ACCEPT_WITH_DEFICIENCIES':
        for (const code of items(entry.data, 'items')) {
          if (typeof code === 'string') demands.pledged.set(code, entry.seq);
        }
        break;
      case 'SUPPLEMENT':
        demands.requested.clear();
        demands.requestOpen = false;
        demands.pledged.clear();
        break;
    }
  }
  return demands;
}

/** The demanded codes that still lack a material added after they were asked for. */
export function outstanding(
  demands: MaterialDemands,
  materials: ReadonlyArray<{ code: string; addedSeq: number }>,
): string[] {
  const lacking = (asked: Map<string, number>) =>
    [...asked].filter(([code, seq]) => !materials.some((m) => m.code === code && m.addedSeq > seq));
  const codes = new Set([...lacking(demands.requested), ...lacking(demands.pledged)].map(([code]) => code));
  return [...codes];
}
