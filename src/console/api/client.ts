import type { FieldError, Problem } from './types.gen.ts';
import { lang } from '../i18n/index.ts';
import { session, signOut } from '../lib/session.ts';

/**
 * A refusal from the service, as its problem+json says it (RFC 9457), with the field errors if any. The
 * console words it from `code` and `params` (i18n/problems.ts); `message` is the service's `detail`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly params: Record<string, unknown>;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? 'error';
    this.code = problem.code;
    this.params = problem.params ?? {};
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

/** A key for `Idempotency-Key`: a retried click never files or pays twice. Works outside secure contexts too. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RequestOptions {
  body?: unknown;
  accept?: string;
  /** Answer the body as text (CSV, Mermaid) instead of JSON. */
  text?: boolean;
  /** The POST's `Idempotency-Key` when one act may be sent twice (a double click, a retry); else a fresh one. */
  idempotencyKey?: string;
}

/**
 * One call to the service as the signed-in person: with the token (token sign-in), or with the session cookie
 * the browser sends by itself (sign-in through the identity provider). A 401 signs out.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  // The service words a refusal's `detail` in the console's language, for codes the console does not know.
  const headers: Record<string, string> = {
    accept: options.accept ?? 'application/json',
    'accept-language': lang.get(),
  };
  const token = session.get()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? idempotencyKey();
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}) as Partial<Problem>);
    // The token expired or was refused, or the session cookie ended: back to the sign-in page.
    if (response.status === 401 && session.get()) {
      const why = (problem as Partial<Problem>).params?.why;
      signOut({ why: typeof why === 'string' ? why : undefined });
    }
    throw new ApiError(response.status, problem);
  }
  if (options.text) return (await response.text()) as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown, key?: string) =>
  request<T>('POST', path, { body: body ?? {}, idempotencyKey: key });
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });

/** `?a=1&b=2` from the defined entries, or '' when there are none. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
