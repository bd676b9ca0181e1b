/**
 * The load generator, a process of its own (started by bench/run.ts, never in a server's event loop). It
 * files cases over HTTP (create, the papers, SUBMIT, ACCEPT — set-up, not timed), sends the departments' APPROVE events
 * from 32 keep-alive clients and measures them (bench/lib/http-load.ts), and checks at the end that every case
 * reached the issuing state. It talks to ZeroTrip's API and to the reference handler alike (same route).
 * Run through `npm run bench`; on its own it does nothing.
 */
import { keepAliveAgent, runLoad, send, type LoadRequest } from './lib/http-load.ts';
import { serve } from './lib/child.ts';
import {
  DEPARTMENTS,
  ISSUING_STATE,
  permitForm,
  permitProject,
  signTokens,
  type Tokens,
} from './lib/permit.ts';

const tokens = new Map<string, Tokens>();
function tokensFor(secret: string): Tokens {
  let t = tokens.get(secret);
  if (!t) tokens.set(secret, (t = signTokens(secret)));
  return t;
}

const EVENTS = (id: string) => `/api/v1/applications/${id}/events`;
const MATERIALS = (id: string) => `/api/v1/applications/${id}/materials`;

/** A small PDF, recognised as one by its content: every paper of the bench's cases. */
const PAPER = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** A multipart/form-data body with the parts `code` and `file`, as the console sends a paper. */
function paperUpload(code: string): { body: string; contentType: string } {
  const boundary = `zerotrip-bench-${code}`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="code"\r\n\r\n${code}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${code}.pdf"\r\n` +
    `Content-Type: application/pdf\r\n\r\n${PAPER}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Files `cases` cases and brings them to review; returns their ids. */
async function setup(message: Record<string, unknown>): Promise<string[]> {
  const baseUrls = message.baseUrls as string[];
  const count = message.cases as number;
  const who = tokensFor(message.secret as string);
  const agent = keepAliveAgent();
  const ids: string[] = new Array(count);
  let next = 0;
  const expectStatus = async (baseUrl: string, request: LoadRequest, status: number) => {
    const answer = await send(agent, baseUrl, request);
    if (answer.status !== status) {
      throw new Error(`set-up ${request.method} ${request.path} answered ${answer.status}: ${answer.body}`);
    }
    return answer.body;
  };
  let papers: Promise<Map<string, string>> | undefined;
  /** Uploads a PDF for every paper the case still needs; answers the material id of each code. */
  const handIn = async (base: string, id: string) => {
    const view = JSON.parse(
      (await send(agent, base, { method: 'GET', path: `/api/v1/applications/${id}`, token: who.applicant }))
        .body,
    ) as { requiredMaterials: Array<{ code: string; status: string }> };
    const ids = new Map<string, string>();
    for (const { code } of view.requiredMaterials.filter((m) => m.status === 'missing')) {
      const { body, contentType } = paperUpload(code);
      const answer = await expectStatus(
        base,
        {
          method: 'POST',
          path: MATERIALS(id),
          token: who.applicant,
          body,
          headers: { 'content-type': contentType },
        },
        201,
      );
      ids.set(code, (JSON.parse(answer) as { id: string }).id);
    }
    return ids;
  };
  const reuseAll = async (base: string, id: string, ids: Map<string, string>) => {
    for (const [code, material] of ids) {
      const body = JSON.stringify({ code, reuse: material });
      await expectStatus(base, { method: 'POST', path: MATERIALS(id), token: who.applicant, body }, 201);
    }
  };
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const base = baseUrls[index % baseUrls.length]!;
      const created = await expectStatus(
        base,
        {
          method: 'POST',
          path: '/api/v1/applications',
          token: who.applicant,
          body: JSON.stringify({ workflow: 'construction-permit', project: permitProject, form: permitForm }),
        },
        201,
      );
      const id = (JSON.parse(created) as { id: string }).id;
      // One set of papers: the first case uploads them, every later case reuses them (no second upload).
      if (papers === undefined) await (papers = handIn(base, id));
      else await reuseAll(base, id, await papers);
      const event = (token: string, type: string): LoadRequest => ({
        method: 'POST',
        path: EVENTS(id),
        token,
        body: JSON.stringify({ type }),
        headers: { prefer: 'return=minimal' },
      });
      await expectStatus(base, event(who.applicant, 'SUBMIT'), 200);
      await expectStatus(base, event(who.clerk.window!, 'ACCEPT'), 200);
      ids[index] = id;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  agent.destroy();
  return ids;
}

/**
 * Every department's APPROVE for every case, case after case (the five approvals of a case are in flight
 * together, as parallel review delivers them; `order: 'spread'` sends department after department instead),
 * each from the department's clerk with `Prefer: return=minimal`.
 */
async function approve(message: Record<string, unknown>) {
  const ids = message.ids as string[];
  const who = tokensFor(message.secret as string);
  const idempotency = message.idempotency === true;
  // `spread`: department after department instead, so no two events of a case are in flight together.
  const order =
    message.order === 'spread'
      ? DEPARTMENTS.flatMap((department) => ids.map((id) => [id, department] as const))
      : ids.flatMap((id) => DEPARTMENTS.map((department) => [id, department] as const));
  const requests = order.map(([id, department]): LoadRequest => {
    const headers: Record<string, string> = { prefer: 'return=minimal' };
    if (idempotency) headers['idempotency-key'] = `bench-${id}-${department}`;
    return {
      method: 'POST',
      path: EVENTS(id),
      token: who.clerk[department]!,
      body: JSON.stringify({ type: 'APPROVE' }),
      headers,
    };
  });
  return runLoad(message.baseUrls as string[], requests, { concurrency: message.concurrency as number });
}

/** Reads every case as an auditor: how many wait in the issuing state (all five approvals landed). */
async function check(message: Record<string, unknown>) {
  const ids = message.ids as string[];
  const who = tokensFor(message.secret as string);
  const baseUrls = message.baseUrls as string[];
  const agent = keepAliveAgent();
  let issuing = 0;
  const others: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const path = `/api/v1/applications/${ids[index]}`;
      const answer = await send(agent, baseUrls[index % baseUrls.length]!, {
        method: 'GET',
        path,
        token: who.auditor,
      });
      const body =
        answer.status === 200 ? (JSON.parse(answer.body) as { state: unknown; status: string }) : null;
      if (body && JSON.stringify(body.state) === ISSUING_STATE) issuing++;
      else if (others.length < 5) others.push(`${path}: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  return { cases: ids.length, issuing, others };
}

serve({ pid: process.pid }, { setup, approve, check }, () => {});
