import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CharSet, matchesSomewhere } from '@/domain/parser/char-set';
import { TOKEN_FIRST, TOKEN_RE } from '@/domain/parser/deadlines';
import { CANDIDATE_FIRST, CANDIDATE_RE } from '@/domain/parser/targets';

const seed = readFileSync('src/domain/seed-speech.txt', 'utf8');

describe('CharSet', () => {
  it('holds exactly the characters it was given, by string or by code', () => {
    const set = new CharSet(['，。', 0x8981]);
    expect(set.has('，'.charCodeAt(0))).toBe(true);
    expect(set.has('。'.charCodeAt(0))).toBe(true);
    expect(set.has('要'.charCodeAt(0))).toBe(true);
    expect(set.has('、'.charCodeAt(0))).toBe(false);
    expect(set.has(0)).toBe(false);
  });

  it('says no past either end of a text', () => {
    const set = new CharSet('a');
    expect(set.at('a', 0)).toBe(true);
    expect(set.at('a', 1)).toBe(false);
    expect(set.at('a', -1)).toBe(false);
  });
});

/** Every position where a global search of `source` finds a match. */
function matchStarts(source: string, text: string): number[] {
  const re = new RegExp(source, 'g');
  const out: number[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

// The first-character tables must hold every character a match can start with, or findDeadline
// and the target pass would miss tokens a plain search finds.
describe.each([
  ['deadline tokens', TOKEN_RE, TOKEN_FIRST],
  ['target candidates', CANDIDATE_RE, CANDIDATE_FIRST],
])('the first characters of %s', (_name, re, firsts) => {
  const plain = (src: string) => src.replace(/\(\?<?[!=]?(?:\w+>)?/g, '').replace(/\\./g, '').replace(/[?<>()|[\]{}:*+^$!=.-]/g, '');
  const alphabet = [...new Set(plain(re.source))].join('') + '，。的 ';
  // The pattern's alternatives with their syntax taken out (每一个月的日号, 百分之, 下达…): words
  // the tokens are made of, so that random strings hold real tokens, not only single characters.
  const words = re.source.split('|').map(plain).filter((w) => w.length > 0);

  it('cover every match in the seed speech', () => {
    for (const at of matchStarts(re.source, seed)) expect(firsts.at(seed, at)).toBe(true);
  });

  it('cover every match in strings made of the pattern’s own characters', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...words)), { maxLength: 12 }), (chars) => {
        const s = chars.join('');
        for (const at of matchStarts(re.source, s)) expect(firsts.at(s, at)).toBe(true);
        expect(matchesSomewhere(re, firsts, s)).toBe(matchStarts(re.source, s).length > 0);
      }),
      { numRuns: 2000 },
    );
  });
});
