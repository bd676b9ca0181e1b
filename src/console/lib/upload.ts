/**
 * Uploads and downloads of application materials. Uploads go through XMLHttpRequest, the one browser API that
 * reports upload progress; downloads fetch the content with the token and hand back an object URL, so that a
 * PDF or an image can be shown in the page (the service answers `attachment`, with `nosniff`).
 */
import { ApiError } from '../api/index.ts';
import type { Material } from '../api/types.gen.ts';
import { session, signOut } from './session.ts';

/** A material as the service describes it (schemas/responses/material.json), from the generated API types. */
export type MaterialFile = Material;

/** One catalog item on a case (the case view's `requiredMaterials`). */
export interface CaseMaterialItem {
  code: string;
  name: string;
  departments: string[];
  required?: boolean;
  pledgeable?: boolean;
  status: 'missing' | 'provided' | 'pledged' | 'requested';
  materials: MaterialFile[];
}

const materialsPath = (caseId: string) => `/api/v1/applications/${encodeURIComponent(caseId)}/materials`;

/** A running upload: its promise, and a way to stop it. */
export interface Upload {
  done: Promise<MaterialFile>;
  abort(): void;
}

/**
 * Sends `file` as the material `code` of the case (multipart: `code` first, then `file`, as the service
 * streams them); `onProgress` gets the share sent, 0–1. A refusal rejects with the service's problem.
 */
export function uploadMaterial(
  caseId: string,
  code: string,
  file: File,
  onProgress: (share: number) => void,
): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<MaterialFile>((resolve, reject) => {
    xhr.open('POST', materialsPath(caseId));
    xhr.setRequestHeader('accept', 'application/json');
    const token = session.get()?.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 201) {
        onProgress(1);
        resolve(body as MaterialFile);
      } else {
        if (xhr.status === 401 && token) signOut({});
        reject(new ApiError(xhr.status, body as object));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: 'network' }));
    xhr.onabort = () => reject(new ApiError(0, { detail: 'aborted' }));
    const form = new FormData();
    form.append('code', code);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** The stored content of a material as an object URL (revoke it when done) and its type. */
export async function materialBlob(
  caseId: string,
  materialId: string,
): Promise<{ url: string; type: string; blob: Blob }> {
  const headers: Record<string, string> = {};
  const token = session.get()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${materialsPath(caseId)}/${encodeURIComponent(materialId)}/content`, {
    headers,
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401 && token) signOut({});
    throw new ApiError(response.status, problem);
  }
  const blob = await response.blob();
  return { url: URL.createObjectURL(blob), type: blob.type, blob };
}

/** Saves a material as a file, under its own name. */
export async function downloadMaterial(caseId: string, material: MaterialFile): Promise<void> {
  const { url } = await materialBlob(caseId, material.id);
  const link = document.createElement('a');
  link.href = url;
  link.download = material.fileName ?? material.code;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the URL to the download; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
