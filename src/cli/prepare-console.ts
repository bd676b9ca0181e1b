/**
 * `npm ci` runs this (the `prepare` script): it builds the console into dist/console, so that README's two
 * commands still set everything up. An install without dev dependencies (`--omit=dev`) has no Vite: it says
 * so and leaves the build to `npm run build:console` elsewhere, instead of failing the install.
 */
import { spawnSync } from 'node:child_process';

try {
  await import('vite');
} catch {
  console.warn('Vite is not installed (an install without dev dependencies): the console is not built here.');
  console.warn('Build it where dev dependencies are installed: npm run build:console');
  process.exit(0);
}
const result = spawnSync('npm', ['run', '-s', 'build:console'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
