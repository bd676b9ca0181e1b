/** Longest file name kept, in characters (most file systems allow 255 bytes; names are kept well below). */
export const MAX_FILE_NAME = 120;

/**
 * A file name as a browser sent it, made safe to keep and to hand back: the last path segment only (no
 * separators), no control or bidirectional-override characters, no leading dots, at most
 * {@link MAX_FILE_NAME} characters (the extension kept), and never empty.
 */
export function sanitiseFileName(raw: string | undefined, fallback = 'material'): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // Controls (C0, DEL, C1) and the bidirectional marks that can disguise an extension.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return fallback;
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? [...cleaned.slice(dot)].slice(0, 16).join('') : '';
  return chars.slice(0, MAX_FILE_NAME - ext.length).join('') + ext;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): an ASCII fallback in `filename`, and the
 * real name in `filename*` as UTF-8, percent-encoded (RFC 8187).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
