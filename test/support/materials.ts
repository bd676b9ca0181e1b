import type { TestResponse, TestService } from './http.ts';

/** What the helpers need of a service: where it listens and a request function (`TestService` has both). */
export type ServiceAt = Pick<TestService, 'baseUrl' | 'request'>;

/**
 * How many papers the seeded catalog (db/seeds/materials.json) requires for the construction-permit example's
 * form (fire works, a basement, an environmental report table): every item but the report book.
 */
export const EXAMPLE_PERMIT_MATERIALS = 13;

/** A small PDF that file-type recognises by its header (the content, not the name, decides the type). */
export function pdfBytes(text = 'ZeroTrip test paper'): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** A 1×1 PNG. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
}

/** The path of a case's materials, or of one of them. */
export const materialsPath = (id: string, rest = '') => `/api/v1/applications/${id}/materials${rest}`;

/**
 * Uploads a file as multipart/form-data (`code` first, then `file`), as a browser's FormData sends it; the
 * answer is parsed like `svc.request`'s.
 */
export async function upload(
  svc: ServiceAt,
  token: string,
  id: string,
  code: string | undefined,
  bytes: Uint8Array,
  fileName = 'paper.pdf',
  contentType = 'application/pdf',
): Promise<TestResponse> {
  const form = new FormData();
  if (code !== undefined) form.append('code', code);
  form.append('file', new Blob([bytes], { type: contentType }), fileName);
  const response = await fetch(`${svc.baseUrl}${materialsPath(id)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  const json = /[/+]json\b/.test(response.headers.get('content-type') ?? '') && text !== '';
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
}

/** Uploads and fails the test unless it is answered 201; returns the material. */
export async function uploadOk(
  svc: ServiceAt,
  token: string,
  id: string,
  code: string,
  bytes: Uint8Array = pdfBytes(code),
  fileName = `${code}.pdf`,
): Promise<Record<string, any>> {
  const response = await upload(svc, token, id, code, bytes, fileName);
  if (response.status !== 201) {
    throw new Error(`upload of ${code} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/**
 * Hands in a PDF for every item the case's form requires that has no material yet (`except` left out, e.g. the
 * papers a test wants pledged), as the enterprise does before it submits. A case the token cannot read, or a
 * case that is not a draft, is left alone: the test's own request then meets the refusal it expects.
 */
export async function handInRequired(
  svc: ServiceAt,
  token: string,
  id: string,
  except: readonly string[] = [],
): Promise<string[]> {
  // Only the enterprise and its agents hand in papers; another caller's SUBMIT meets its own refusal.
  const role = (
    JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as {
      role?: string;
    }
  ).role;
  if (role !== 'applicant' && role !== 'agent') return [];
  const view = await svc.request('GET', `/api/v1/applications/${id}`, { token });
  if (view.status !== 200 || view.body.status !== 'draft') return [];
  const codes = (view.body.requiredMaterials as Array<{ code: string; required: boolean; status: string }>)
    .filter((item) => item.required && item.status === 'missing' && !except.includes(item.code))
    .map((item) => item.code);
  for (const code of codes) await uploadOk(svc, token, id, code);
  return codes;
}
