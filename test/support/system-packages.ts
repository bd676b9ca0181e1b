/**
 * Runs before the suites (`npm test`): the Debian packages some tests judge with — Chromium for the console's
 * browser tests, the fonts that let it render Chinese, the PDF and QR tools of the licence tests — are installed when missing if we run as root, and
 * otherwise the one command that installs them is printed and the run stops. Tests never skip for want of them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A program a test needs, and the Debian package that provides it. */
interface Needed {
  path: string;
  pkg: string;
}

const NEEDED: Needed[] = [
  { path: '/usr/bin/chromium', pkg: 'chromium' },
  // Without a CJK font the console's Chinese renders as boxes in screenshots.
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', pkg: 'fonts-wqy-microhei' },
  // The licence PDF is judged by outside tools: its text (pdftotext, pdfinfo), its page as an image (pdftoppm)
  // and its QR code (zbarimg); openssl verifies the SM2 signature.
  { path: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
  { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
  { path: '/usr/bin/zbarimg', pkg: 'zbar-tools' },
  { path: '/usr/bin/openssl', pkg: 'openssl' },
];

const missing = [...new Set(NEEDED.filter((n) => !existsSync(n.path)).map((n) => n.pkg))];
if (missing.length) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need Debian packages that are not installed. As root, run:\n  ${command}`);
    process.exit(1);
  }
  console.log(`Installing the Debian packages the tests need: ${missing.join(', ')}`);
  execFileSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
