import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParsedPlanSchema } from '@/domain/model';
import type { SourceDocument } from '@/domain/parser/source-document';
import { parseDocument, parseSpeech } from '@/domain/parser/speech-parser';

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

/**
 * parseDocument with arbitrary tables: cells cut from the text at random, roles at random or
 * none, header rows, merged flags, spans that may even fall outside the text. The parser must
 * never throw, its plan must pass the schema, and every span must slice to its quote.
 */
const CELL_WORDS = ['序号', '重点任务', '牵头单位', '配合单位', '完成时限', '1', '2', '新建学校3所', '县财政局', '市发改委、市财政局', '6月底前', '长期坚持', '', '“', '（牵头）'];
const ROLES = ['seq', 'task', 'lead', 'co', 'owners', 'leader', 'deadline', 'progress', 'note', 'other'] as const;

const documents = fc
  .record({
    lines: fc.array(fc.array(fc.oneof(fc.constantFrom(...CELL_WORDS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
    prose: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((xs) => xs.join('')),
    headerRows: fc.integer({ min: 0, max: 3 }),
    roles: fc.option(fc.array(fc.constantFrom(...ROLES), { maxLength: 7 }), { nil: null }),
    skew: fc.integer({ min: -5, max: 5 }),
    merged: fc.boolean(),
  })
  .map(({ lines, prose, headerRows, roles, skew, merged }) => {
    let text = `${prose}\n`;
    const rows = lines.map((cells, r) => {
      const start = text.length;
      const out = cells.map((c) => {
        const at = text.length;
        text += c + '\t';
        return { text: c, span: { start: at, end: at + c.length }, merged: merged && r % 2 === 1 };
      });
      text += '\n';
      return { span: { start, end: text.length - 1 }, cells: out, rowNumber: r + 1, page: r % 3 === 0 ? null : 1 };
    });
    // A skewed table (bad spans from a reader) must be refused or survived, never trusted blindly.
    const span = { start: Math.max(0, rows[0]!.span.start + skew), end: rows[rows.length - 1]!.span.end + Math.max(0, skew) };
    const doc: SourceDocument = { text, tables: [{ span, sheet: null, headerRows, rows, columns: roles }], pageStarts: [], kind: 'docx', fileName: 'x.docx' };
    return doc;
  });

describe('parseDocument properties with arbitrary tables', () => {
  it('never throws; the plan passes the schema; every task, candidate and target span slices to its quote', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const plan = parseDocument(doc, { year: 2026 });
        const r = ParsedPlanSchema.safeParse(plan);
        if (!r.success) throw new Error(JSON.stringify(r.error.issues[0]));
        for (const t of [...plan.tasks, ...plan.candidates]) expect(doc.text.slice(t.source.start, t.source.end)).toBe(t.quote);
        for (const g of plan.targets) expect(doc.text.slice(g.source.start, g.source.end)).toBe(g.quote);
      }),
      { numRuns: 300 },
    );
  });

  it('survives tables that are not tables at all (nulls, missing rows, garbage) without throwing', () => {
    for (const tables of [null, undefined, [null], [{}], [{ span: { start: 0, end: 3 }, rows: null }], 'x']) {
      const doc = { text: '序号\t重点任务\n1\t新建学校3所', tables, pageStarts: [], kind: 'docx', fileName: null } as unknown as SourceDocument;
      expect(ParsedPlanSchema.safeParse(parseDocument(doc, { year: 2026 })).success).toBe(true);
    }
  });
});
