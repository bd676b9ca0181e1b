/**
 * The soak's scenario: case journeys through the real API, each checked as it goes and at its end. A journey
 * files a construction permit of the bench's example (create, its papers — a few uploaded as multipart PDFs,
 * the rest reused — SUBMIT), the window accepts it, the five departments review it, and it ends:
 *   - approved (7 in 10): every department approves, the window issues, the licence verifies publicly;
 *   - supplemented (2 in 10): one department asks for a paper first; the enterprise's SUPPLEMENT without it is
 *     refused (422, expected, and it must leave no record), with it answered; then as approved;
 *   - denied (1 in 10): planning approves, environment denies.
 * Every actor reads what it acts on first (the clerk's inbox must hold the case's task, the case view must
 * offer the event), and at the end an auditor reads the case (status, every task closed, the licence) and its
 * history (exactly the records the journey caused). Anything else is an error of the soak.
 */
import type http from 'node:http';
import { send, type LoadAnswer, type LoadRequest } from './http-load.ts';
import { DEPARTMENTS, permitForm, permitProject, type Tokens } from './permit.ts';
import type { SoakKind, SoakRecorder } from './soak-stats.ts';

/** Where the traffic goes and what it may say. */
export interface SoakTarget {
  agent: http.Agent;
  baseUrl: string;
  tokens: Tokens;
  recorder: SoakRecorder;
  pacer: Pacer;
}

/** A journey stopped at an answer it did not expect (already recorded as an error). */
class JourneyStopped extends Error {}

/**
 * Spreads requests evenly at `perSecond` (never a burst to catch up): the soak runs at a steady rate below
 * saturation, so that a latency that grows is the service's doing and not a queue's.
 */
export class Pacer {
  private next = 0;
  private readonly interval: number;

  constructor(perSecond: number) {
    this.interval = 1000 / perSecond;
  }

  async slot(): Promise<void> {
    const now = performance.now();
    const at = Math.max(this.next, now);
    this.next = at + this.interval;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/**
 * Sends one request at the pacer's next slot and records it under `kind`. An answer other than `expect` (or a
 * network error) is an error: recorded, and the journey stops.
 */
export async function call(
  target: SoakTarget,
  kind: SoakKind,
  request: LoadRequest,
  expect: number,
): Promise<LoadAnswer> {
  await target.pacer.slot();
  const started = performance.now();
  let answer: LoadAnswer;
  try {
    answer = await send(target.agent, target.baseUrl, request);
  } catch (error) {
    target.recorder.request(kind, performance.now() - started);
    target.recorder.error(`${request.method} ${request.path}: ${String(error)}`);
    throw new JourneyStopped();
  }
  target.recorder.request(kind, answer.ms);
  if (answer.status !== expect) {
    target.recorder.error(
      `${request.method} ${request.path}: ${answer.status} (expected ${expect}) ${answer.body.slice(0, 300)}`,
    );
    throw new JourneyStopped();
  }
  return answer;
}

/** A check of the scenario that failed: recorded as an error, and the journey stops. */
function mismatch(target: SoakTarget, id: string, what: string): never {
  target.recorder.error(`case ${id}: ${what}`);
  throw new JourneyStopped();
}

const CASES = '/api/v1/applications';
const json = (answer: LoadAnswer) => JSON.parse(answer.body) as Record<string, any>;

/** A small PDF, recognised by its content; `mark` makes each file's bytes (and so its stored copy) its own. */
function paperUpload(code: string, mark: string): { body: string; contentType: string } {
  const boundary = `zerotrip-soak-${mark}`;
  const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${mark} ${code}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="code"\r\n\r\n${code}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${code}.pdf"\r\n` +
    `Content-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Papers each case uploads as files; the others it reuses from the enterprise's first complete set. */
const UPLOADED_PER_CASE = 3;

/** How a journey ends. */
export type Outcome = 'approved' | 'supplemented' | 'denied';

/** Journey `index`'s outcome: 7 in 10 approved, 2 supplemented, 1 denied. */
export function outcomeOf(index: number): Outcome {
  const slot = index % 10;
  return slot === 9 ? 'denied' : slot >= 7 ? 'supplemented' : 'approved';
}

/** The region a licence number starts with: a region and day take at most 9,999 licences, so change region. */
const regionOf = (index: number) => String(110000 + Math.floor(index / 5000));

/** What journeys share: the reusable papers and the licences issued so far (to verify old ones too). */
export class SoakShared {
  papers?: Promise<Map<string, string>>;
  readonly licences: string[] = [];

  /** A licence issued earlier, to verify again; undefined while there is none. */
  oldLicence(): string | undefined {
    return this.licences[Math.floor(Math.random() * this.licences.length)];
  }

  remember(licence: string): void {
    if (this.licences.length < 1000) this.licences.push(licence);
    else this.licences[Math.floor(Math.random() * 1000)] = licence;
  }
}

/** Runs journey `index` to its end; answers the outcome checked, or null when it stopped at an error. */
export async function journey(
  target: SoakTarget,
  shared: SoakShared,
  index: number,
): Promise<Outcome | null> {
  try {
    await drive(target, shared, index);
    return outcomeOf(index);
  } catch (error) {
    if (error instanceof JourneyStopped) return null;
    target.recorder.error(`journey ${index}: ${error instanceof Error ? error.stack : String(error)}`);
    return null;
  }
}

async function drive(target: SoakTarget, shared: SoakShared, index: number): Promise<void> {
  const { tokens } = target;
  const outcome = outcomeOf(index);
  /** The history records this journey causes, in no particular order (the departments act in parallel). */
  const records: string[] = ['CREATE'];
  const project = { ...permitProject, regionCode: regionOf(index) };
  const created = await call(
    target,
    'create',
    {
      method: 'POST',
      path: CASES,
      token: tokens.applicant,
      body: JSON.stringify({ workflow: 'construction-permit', project, form: permitForm }),
    },
    201,
  );
  const id = json(created).id as string;
  const path = `${CASES}/${id}`;
  const view = async (token: string) => json(await call(target, 'view', { method: 'GET', path, token }, 200));
  const event = async (token: string, body: Record<string, unknown>, expect = 200) => {
    const answer = await call(
      target,
      'event',
      { method: 'POST', path: `${path}/events`, token, body: JSON.stringify(body) },
      expect,
    );
    if (expect === 200) records.push(body.type as string);
    return json(answer);
  };
  const expectStatus = (body: Record<string, any>, status: string, after: string) => {
    if (body.status !== status) mismatch(target, id, `after ${after}: status ${body.status}, not ${status}`);
  };
  const upload = async (code: string) => {
    const { body, contentType } = paperUpload(code, `${index}-${records.length}`);
    const answer = await call(
      target,
      'upload',
      {
        method: 'POST',
        path: `${path}/materials`,
        token: tokens.applicant,
        body,
        headers: { 'content-type': contentType },
      },
      201,
    );
    records.push('MATERIAL_ADDED');
    return json(answer).id as string;
  };

  // The enterprise hands in its papers: the first journey uploads a whole set, which later ones reuse.
  const missing = (
    (await view(tokens.applicant)).requiredMaterials as Array<{ code: string; status: string }>
  )
    .filter((m) => m.status === 'missing')
    .map((m) => m.code);
  if (missing.length === 0) mismatch(target, id, 'a new draft requires no papers');
  if (shared.papers === undefined) {
    const papers = (async () => {
      const set = new Map<string, string>();
      for (const code of missing) set.set(code, await upload(code));
      return set;
    })();
    // A set that failed (its error is recorded) is not shared: the next journey uploads one again.
    papers.catch(() => {
      if (shared.papers === papers) shared.papers = undefined;
    });
    shared.papers = papers;
    await papers;
  } else {
    const papers = await shared.papers;
    for (const [i, code] of missing.entries()) {
      const reuse = papers.get(code);
      if (i < UPLOADED_PER_CASE || reuse === undefined) {
        await upload(code);
        continue;
      }
      await call(
        target,
        'reuse',
        {
          method: 'POST',
          path: `${path}/materials`,
          token: tokens.applicant,
          body: JSON.stringify({ code, reuse }),
        },
        201,
      );
      records.push('MATERIAL_ADDED');
    }
  }
  expectStatus(await event(tokens.applicant, { type: 'SUBMIT' }), 'submitted', 'SUBMIT');

  // Every clerk finds the case's task in the first page of the inbox, reads the case, and acts.
  const inbox = async (department: string, step: string) => {
    const answer = await call(
      target,
      'inbox',
      {
        method: 'GET',
        path: `/api/v1/tasks?department=${department}&limit=100`,
        token: tokens.clerk[department],
      },
      200,
    );
    const items = json(answer).items as Array<{ applicationId: string; step: string; status: string }>;
    if (!items.some((t) => t.applicationId === id && t.step === step && t.status === 'open')) {
      mismatch(target, id, `${department}'s inbox holds no open ${step} task of the case`);
    }
  };
  const offered = async (department: string, type: string) => {
    const allowed = (await view(tokens.clerk[department]!)).allowedEvents as string[];
    if (!allowed.includes(type)) {
      mismatch(target, id, `${department} is offered ${allowed.join(', ') || 'nothing'}, not ${type}`);
    }
  };
  const act = async (department: string, step: string, body: Record<string, unknown>) => {
    await inbox(department, step);
    await offered(department, body.type as string);
    return event(target.tokens.clerk[department]!, body);
  };
  expectStatus(await act('window', 'intake', { type: 'ACCEPT' }), 'in_review', 'ACCEPT');

  if (outcome === 'denied') {
    await act('planning', 'review', { type: 'APPROVE' });
    const denied = await act('environment', 'review', {
      type: 'DENY',
      comment: 'The report table does not assess the discharge of process water.',
    });
    expectStatus(denied, 'denied', 'DENY');
  } else {
    const asking = outcome === 'supplemented' ? DEPARTMENTS[index % DEPARTMENTS.length]! : undefined;
    const others = DEPARTMENTS.filter((d) => d !== asking);
    const approvals = Promise.all(others.map((d) => act(d, 'review', { type: 'APPROVE' })));
    // Awaited below; handled now so that a stop in the supplement first does not leave it unhandled.
    approvals.catch(() => {});
    if (asking) {
      const paper = missing[0]!;
      await act(asking, 'review', {
        type: 'REQUEST_SUPPLEMENT',
        comment: 'Please hand in the paper again, legible.',
        data: { materials: [{ code: paper, reason: 'illegible' }] },
      });
      const applicantView = await view(tokens.applicant);
      if (applicantView.nextAction?.action !== 'supplement') {
        mismatch(target, id, `the enterprise is told ${JSON.stringify(applicantView.nextAction)}`);
      }
      // Without the paper asked for, the supplement is refused and leaves no record.
      const refused = await event(tokens.applicant, { type: 'SUPPLEMENT' }, 422);
      if (refused.type !== 'materials-missing') {
        mismatch(target, id, `SUPPLEMENT without the paper refused as ${refused.type}`);
      }
      await upload(paper);
      await event(tokens.applicant, { type: 'SUPPLEMENT' });
      await act(asking, 'review', { type: 'APPROVE' });
    }
    await approvals;
    await inbox('window', 'issue');
    expectStatus(await event(tokens.clerk.window!, { type: 'ISSUE' }), 'approved', 'ISSUE');
  }

  // The enterprise's first page of its cases, newest first.
  const list = json(
    await call(target, 'list', { method: 'GET', path: `${CASES}?limit=20`, token: tokens.applicant }, 200),
  );
  if (!Array.isArray(list.items) || list.items.length === 0) mismatch(target, id, 'the case list is empty');

  // An auditor reads the end: the status, every task closed, the licence, exactly the records caused.
  const end = await view(tokens.auditor);
  const expected = outcome === 'denied' ? 'denied' : 'approved';
  expectStatus(end, expected, 'the journey');
  const open = (end.tasks as Array<{ status: string; department: string }>).filter(
    (t) => t.status !== 'closed',
  );
  if (open.length) mismatch(target, id, `tasks still open: ${open.map((t) => t.department).join(', ')}`);
  const history = json(
    await call(target, 'history', { method: 'GET', path: `${path}/history`, token: tokens.auditor }, 200),
  );
  const types = (history.items as Array<{ type: string }>).map((r) => r.type).sort();
  if (JSON.stringify(types) !== JSON.stringify(records.sort())) {
    mismatch(target, id, `history ${types.join(',')} ≠ the journey's ${records.join(',')}`);
  }
  if (expected === 'approved') {
    const licences = (end.licences ?? []) as Array<{ number: string }>;
    if (licences.length !== 1) mismatch(target, id, `${licences.length} licences, not 1`);
    const number = licences[0]!.number;
    if (!number.startsWith(project.regionCode)) mismatch(target, id, `licence ${number} of another region`);
    await verifyLicence(target, number, id);
    const old = shared.oldLicence();
    if (old) await verifyLicence(target, old);
    shared.remember(number);
  }
}

/** The public check of a licence (no token): valid, and of the case that issued it when that is known. */
async function verifyLicence(target: SoakTarget, number: string, caseId?: string): Promise<void> {
  const body = json(
    await call(target, 'licence', { method: 'GET', path: `/api/v1/licences/${number}` }, 200),
  );
  if (body.number !== number || body.status !== 'valid' || (caseId && body.application !== caseId)) {
    mismatch(
      target,
      caseId ?? number,
      `licence ${number} reads ${body.number} ${body.status} of ${body.application}`,
    );
  }
}

/**
 * One `GET /metrics` scrape with the scrape token: 200, the Prometheus text, and the database figures read
 * (`zerotrip_metrics_database_up 1`).
 */
export async function scrape(target: SoakTarget, token: string): Promise<void> {
  try {
    const answer = await call(target, 'metrics', { method: 'GET', path: '/metrics', token }, 200);
    if (!/^zerotrip_metrics_database_up 1$/m.test(answer.body)) {
      target.recorder.error('GET /metrics: zerotrip_metrics_database_up is not 1');
    }
  } catch (error) {
    if (!(error instanceof JourneyStopped)) throw error;
  }
}
