import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from '@/domain/parser/sentences';

const slices = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at 。！？；and keeps each terminator with its sentence', () => {
    const t = '加快推进城市更新。稳妥化解债务风险！能否按期完成？每季度开展一次排查；常态化开展演练';
    expect(slices(t, splitSentences(t))).toEqual(['加快推进城市更新。', '稳妥化解债务风险！', '能否按期完成？', '每季度开展一次排查；', '常态化开展演练']);
  });

  it('keeps a closing quote after 。 with its sentence (Intl.Segmenter would not)', () => {
    const t = '习近平总书记指出：“统筹发展和安全，是一个重大原则。”当今世界正经历大变局。';
    expect(slices(t, splitSentences(t))).toEqual(['习近平总书记指出：“统筹发展和安全，是一个重大原则。”', '当今世界正经历大变局。']);
  });

  it('ends a sentence at a line break and trims full-width indentation', () => {
    const t = '　　一、稳定经济增长\r\n　　要加快推进重大项目建设';
    expect(slices(t, splitSentences(t))).toEqual(['一、稳定经济增长', '要加快推进重大项目建设']);
  });

  it('treats runs like ？！ as one end', () => {
    const t = '怎么办？！要马上办。';
    expect(slices(t, splitSentences(t))).toEqual(['怎么办？！', '要马上办。']);
  });

  it('returns nothing for whitespace only', () => {
    expect(splitSentences(' \n\u3000\t')).toEqual([]);
  });
});

describe('splitClauses', () => {
  it('splits at ，and ：but not inside quotes or brackets', () => {
    const t = '要坚持“发展出题目，改革做文章”，深入推进国资国企（含市属、县属企业）改革，滚动实施土地收储。';
    expect(slices(t, splitClauses(t, { start: 0, end: t.length }))).toEqual([
      '要坚持“发展出题目，改革做文章”',
      '深入推进国资国企（含市属、县属企业）改革',
      '滚动实施土地收储',
    ]);
  });

  it('an unclosed quote merges the rest instead of losing it', () => {
    const t = '实施“亩均论英雄，强力推进用地处置。';
    expect(slices(t, splitClauses(t, { start: 0, end: t.length }))).toEqual(['实施“亩均论英雄，强力推进用地处置']);
  });
});
