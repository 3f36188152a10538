import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParsedPlanSchema } from '@/domain/model';
import { parseSpeech } from '@/domain/parser/speech-parser';

/** Pieces of real speech structure, so random texts hit the rules, not only plain noise. */
const FRAGMENTS = [
  '要', '必须', '实施', '推进', '土地收储', '挂牌督办', '一季度', '每年', '常态化', '即将出台', '《', '》', '“', '”', '"',
  '（', '）', '(', ')', '（一）', '(二)', '一、', '1.', '1、', '（1）', '第一，', '，', '。', '；', '！', '？', '：', '、',
  '\n', '\r\n', '\u3000', ' ', '*', '**', '*.*%', '%', '左右', '以上', '亿元', '牵头单位：', '配合单位：', '责任领导：',
  '市财政局', '各部门“一把手”', '各区县长', '去年', '了', '2023年', '二〇二四年', '6月底前', '\ufeff', '<script>', '&amp;', '🚩', '\u0000',
];

const texts = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 120 }).map((xs) => xs.join('')),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 80 }).map((xs) => xs.join('')),
);

describe('parseSpeech properties', () => {
  it('never throws and always returns a plan that passes the schema', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1900, max: 2200 }), (text, year) => {
        const plan = parseSpeech(text, { year });
        const r = ParsedPlanSchema.safeParse(plan);
        if (!r.success) throw new Error(JSON.stringify(r.error.issues[0]));
      }),
      { numRuns: 400 },
    );
  });

  it('every task, target and warning span slices to its quote; every section span to its number and title', () => {
    fc.assert(
      fc.property(texts, (raw) => {
        const plan = parseSpeech(raw, { year: 2024 });
        const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
        for (const t of plan.tasks) expect(text.slice(t.source.start, t.source.end)).toBe(t.quote);
        for (const g of plan.targets) expect(text.slice(g.source.start, g.source.end)).toBe(g.quote);
        for (const s of plan.sections) {
          const slice = text.slice(s.source.start, s.source.end);
          expect(slice.startsWith(s.number) && slice.endsWith(s.title)).toBe(true);
        }
        for (const w of plan.warnings) {
          if (w.source) expect(w.source.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('ids are unique and tasks reference existing sections', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const plan = parseSpeech(text, { year: 2024 });
        const ids = [...plan.sections, ...plan.tasks, ...plan.targets].map((x) => x.id);
        expect(new Set(ids).size).toBe(ids.length);
        const sections = new Set(plan.sections.map((s) => s.id));
        for (const t of plan.tasks) if (t.sectionId !== null) expect(sections.has(t.sectionId)).toBe(true);
        for (const s of plan.sections) if (s.parentId !== null) expect(sections.has(s.parentId)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
