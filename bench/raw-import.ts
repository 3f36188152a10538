/**
 * Lets Node (tsx) import Vite's `?raw` modules, so benchmarks can load the real store, which
 * bundles the seed speech with `import speech from '…/seed-speech.txt?raw'`. Call once before
 * a dynamic import() of such a module; static imports are resolved too early for a hook.
 */
import { register } from 'node:module';

const hooks = `
import { readFile } from 'node:fs/promises';
export async function load(url, context, next) {
  const q = url.indexOf('?raw');
  if (url.startsWith('file:') && q > 0) {
    const text = await readFile(new URL(url.slice(0, q)), 'utf8');
    return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
  }
  return next(url, context);
}`;

let done = false;
export function enableRawImports(): void {
  if (done) return;
  done = true;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
