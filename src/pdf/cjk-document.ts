/**
 * An A4 pdfkit document with the Chinese fonts registered as `regular` and `bold`: Noto Sans Hans from the
 * @embedpdf/fonts-sc package (OFL-1.1), embedded as a subset of the glyphs used, so documents stay small.
 * Shared by every printable document (licences, the supervision reports) so the font is found in one place.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
);
const REGULAR = path.join(FONT_DIR, 'NotoSansHans-Regular.otf');
const BOLD = path.join(FONT_DIR, 'NotoSansHans-Bold.otf');

/** A document being written and the bytes it will end as. */
export interface CjkDocument {
  doc: PDFKit.PDFDocument;
  /** Resolves with the whole file once `doc.end()` is called. */
  done: Promise<Buffer>;
}

/**
 * Opens a document; pdfkit is loaded on the first one, not at start, so the service starts (and stops on a
 * signal) as light as before.
 */
export async function openCjkDocument(info: { title: string; margin?: number }): Promise<CjkDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: info.margin ?? 56,
    info: { Title: info.title, Producer: 'ZeroTrip', Creator: 'ZeroTrip' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  return { doc, done };
}
