import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryUrls, initialJs, staticImports } from '../../scripts/check-bundle';

function fakeDist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-dist-'));
  mkdirSync(join(dir, 'assets'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('entryUrls', () => {
  it('finds module scripts and modulepreload links, not icons or classic scripts', () => {
    const html = `<link rel="icon" href="./favicon.svg"><script type="module" crossorigin src="./assets/index.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/vendor.js"><script src="./legacy.js"></script>`;
    expect(entryUrls(html)).toEqual(['./assets/index.js', './assets/vendor.js']);
  });
});

describe('staticImports', () => {
  it('follows minified static imports and re-exports but not dynamic import()', () => {
    const code = 'import{a as b}from"./react.js";import"./side.js";export{c}from"./c.js";const p=()=>import("./lazy-page.js");';
    expect(staticImports(code).sort()).toEqual(['./c.js', './react.js', './side.js']);
  });
});

describe('initialJs', () => {
  it('counts the entry and its static chunks, and leaves lazy pages out', () => {
    const dir = fakeDist({
      'index.html': '<script type="module" src="./assets/index.js"></script>',
      'assets/index.js': 'import{x}from"./shared.js";const l=()=>import("./page.js");console.log(x,l);',
      'assets/shared.js': 'export const x=1;',
      'assets/page.js': 'export default "a lazily loaded page, which must not count";'.repeat(50),
    });
    const r = initialJs(dir);
    expect(r.files.map((f) => f.file).sort()).toEqual(['assets/index.js', 'assets/shared.js']);
    expect(r.totalGzip).toBe(r.files[0]!.gzip + r.files[1]!.gzip);
  });

  it('explains what to do when there is no build', () => {
    expect(() => initialJs(join(tmpdir(), 'no-such-dist-luoshi'))).toThrow(/vite build/);
  });

  it('names a missing script instead of reporting a small total', () => {
    const dir = fakeDist({ 'index.html': '<script type="module" src="./assets/gone.js"></script>' });
    expect(() => initialJs(dir)).toThrow(/gone\.js/);
  });
});

describe('lazy libraries', () => {
  it('fails when a reader or writer is pulled into the initial JavaScript, naming it', () => {
    const dir = fakeDist({
      'index.html': '<script type="module" src="./assets/index.js"></script>',
      'assets/index.js': 'import{r}from"./readers.js";const w=()=>import("./docx.js");console.log(r,w);',
      'assets/readers.js': 'export const r="EncryptedPackage";',
      'assets/docx.js': 'export default "wordprocessingml.document.main+xml";',
    });
    expect(initialJs(dir).eager).toEqual([{ file: 'assets/readers.js', library: '文件读取器 readDocument' }]);
  });
});
