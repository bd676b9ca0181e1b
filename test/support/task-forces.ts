/**
 * The key project of the task-force tests: its people (with tokens), its task force and its plans, set up
 * through the real API. The project is the permit example's, so that its cases fill its milestones.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permitProject } from '../fixtures/construction-permit.ts';
import { people, type People, type TestService } from './http.ts';

/** The example's project code. */
export const PROJECT = permitProject.code;
export const ENTERPRISE = '91310115591693856A';
export const OTHER_ENTERPRISE = '91310110666007217T';

/** Everyone the tests need: the task force's people, the leadership and outsiders. */
export interface ProjectPeople extends People {
  admin: string;
  /** The responsible leader: an auditor of the leadership, a member by user id. */
  leader: string;
  /** The resident officer (驻企专员). */
  officer: string;
  /** A clerk of the lead unit, the commerce bureau. */
  leadClerk: string;
  agent: string;
}

/** Signs every token. */
export function projectPeople(svc: TestService): ProjectPeople {
  return {
    ...people(svc, ENTERPRISE, OTHER_ENTERPRISE),
    admin: svc.token({ sub: 'zone-admin', role: 'admin' }),
    leader: svc.token({ sub: 'leader-wang', role: 'auditor', name: '王书记' }),
    officer: svc.token({ sub: 'officer-li', role: 'clerk', org: 'investment', name: '李专员' }),
    leadClerk: svc.token({ sub: 'clerk-commerce', role: 'clerk', org: 'commerce' }),
    agent: svc.token({ sub: 'agent-1', role: 'agent', org: 'service-team' }),
  };
}

/** The whole task force of the example. */
export const TASK_FORCE = {
  members: [
    { role: 'responsible-leader', name: '王书记', sub: 'leader-wang' },
    { role: 'lead-unit', name: '区商务局', org: 'commerce' },
    { role: 'resident-officer', name: '李专员', sub: 'officer-li', phone: '13800000001' },
    { role: 'enterprise-contact', name: '张经理', org: ENTERPRISE, phone: '13800000002' },
    { role: 'site-lead', name: '陈工', phone: '13800000003' },
  ],
};

/** The first baseline: stage 1 was done before the project came to ZeroTrip, so it is not planned. */
export const BASELINE = {
  signing: '2026-01-05',
  'land-supply': '2026-01-20',
  'code-assigned': '2026-02-01',
  'stage-2': '2026-03-20',
  'stage-3': '2026-03-20',
  'works-started': '2026-04-01',
  'topped-out': '2026-07-01',
  completion: '2026-10-01',
  'stage-4': '2026-10-30',
  production: '2026-12-01',
};

/** The path of the project, or of `rest` below it. */
export const projectPath = (rest = '', code: string = PROJECT) => `/api/v1/projects/${code}${rest}`;

/** Forms the task force as the administrator; throws unless 200. */
export async function formTaskForce(svc: TestService, who: ProjectPeople): Promise<void> {
  const r = await svc.request('PUT', projectPath('/task-force'), { token: who.admin, body: TASK_FORCE });
  if (r.status !== 200) throw new Error(`task force: ${r.status} ${JSON.stringify(r.body)}`);
}

/** GET with a token, answering the raw bytes (PDFs). */
export async function getBytes(svc: TestService, path: string, token: string) {
  const response = await fetch(`${svc.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The text of a PDF as pdftotext (poppler) reads it: an outside judge of what the document says. */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'zt-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
