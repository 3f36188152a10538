import { describe, expect, it } from 'vitest';
import { ParsedPlanSchema } from '@/domain/model';
import { parseSpeech, UNTITLED } from '@/domain/parser/speech-parser';
import { fixtureText, seedText, speech } from './parser-fixtures';

const seed = () => parseSpeech(seedText(), { year: 2023 });

describe('parseSpeech: the plan', () => {
  it('returns an empty plan with an empty-text warning for empty or whitespace-only text', () => {
    for (const t of ['', '   ', '\n\u3000\t\r\n', '\ufeff']) {
      const p = parseSpeech(t, { year: 2024 });
      expect(p).toMatchObject({ title: UNTITLED, year: 2024, sections: [], tasks: [], targets: [] });
      expect(p.warnings.map((w) => w.code)).toEqual(['empty-text']);
      expect(ParsedPlanSchema.safeParse(p).success).toBe(true);
    }
  });

  it('drops a leading BOM; every span indexes the BOM-less text', () => {
    const body = speech('关于推进城市更新的讲话', '要加快推进城市更新行动。');
    const p = parseSpeech('\ufeff' + body, { year: 2024 });
    expect(p.title).toBe('关于推进城市更新的讲话');
    expect(body.slice(p.tasks[0]!.source.start, p.tasks[0]!.source.end)).toBe(p.tasks[0]!.quote);
  });

  it('takes the plan year from the text first, then options.year, then currentYear (with a warning)', () => {
    expect(parseSpeech(fixtureText('work-report'), { year: 2030 }).year).toBe(2024);
    expect(parseSpeech('要滚动实施土地收储。', { year: 2030, currentYear: 2031 }).year).toBe(2030);
    const guessed = parseSpeech('要滚动实施土地收储。', { currentYear: 2031 });
    expect(guessed.year).toBe(2031);
    expect(guessed.warnings.some((w) => w.code === 'year-guessed')).toBe(true);
    expect(guessed.tasks[0]!.deadline).toMatchObject({ due: '2031-12-31', inferred: true });
  });

  it('uses the first line as title only when it reads like one', () => {
    expect(seed().title).toBe('市长在市政府全体成员会议上的总结讲话');
    expect(parseSpeech(speech('同志们：', '要加快推进城市更新。'), { year: 2024 }).title).toBe(UNTITLED);
    expect(parseSpeech('要加快推进城市更新。', { year: 2024 }).title).toBe(UNTITLED);
    expect(parseSpeech(speech('一、稳定经济增长', '要加快推进城市更新。'), { year: 2024 }).title).toBe(UNTITLED);
  });

  it('numbers ids in text order and is deterministic', () => {
    const a = seed();
    expect(a.sections.map((s) => s.id)).toEqual(a.sections.map((_, i) => `s${i + 1}`));
    expect(a.tasks.map((t) => t.id)).toEqual(a.tasks.map((_, i) => `t${i + 1}`));
    expect(a.targets.map((t) => t.id)).toEqual(a.targets.map((_, i) => `g${i + 1}`));
    for (let i = 1; i < a.tasks.length; i++) expect(a.tasks[i]!.source.start).toBeGreaterThan(a.tasks[i - 1]!.source.start);
    expect(seed()).toEqual(a);
  });

  it('passes the schema on the seed and on both own fixtures', () => {
    for (const p of [seed(), parseSpeech(fixtureText('work-report'), {}), parseSpeech(fixtureText('task-notice'), {})]) {
      const r = ParsedPlanSchema.safeParse(p);
      expect(r.success, r.success ? '' : JSON.stringify(r.error.issues[0])).toBe(true);
    }
  });

  it('gives every task with no deadline in its words the plan year’s end, marked inferred', () => {
    const t = parseSpeech('要滚动实施土地收储。', { year: 2025 }).tasks[0]!;
    expect(t.deadline).toMatchObject({ due: '2025-12-31', kind: 'date', inferred: true });
  });

  it('a time word at the start of a sentence reaches each of its tasks', () => {
    const p = parseSpeech('上半年，要完成老旧小区改造，启动城市更新试点。', { year: 2024 });
    expect(p.tasks.map((t) => t.deadline.due)).toEqual(['2024-06-30', '2024-06-30']);
  });
});

describe('parseSpeech: targets and warnings on the seed', () => {
  it('extracts the three growth tiers, masked, in %, with 左右 / 以上 as comparators', () => {
    const growth = seed().targets.filter((g) => g.metric.includes('经济增长'));
    expect(growth.map((g) => [g.tier, g.masked, g.value, g.unit, g.comparator])).toEqual([
      ['expected', true, null, '%', 'about'],
      ['working', true, null, '%', 'atLeast'],
      ['striving', true, null, '%', 'atLeast'],
    ]);
  });

  it('extracts the photovoltaic output target and none of last year, the UN forecast, silicon price or GDP gap', () => {
    const targets = seed().targets;
    expect(targets.some((g) => g.metric.includes('晶硅光伏产业产值'))).toBe(true);
    const quotes = targets.map((g) => g.quote).join('\n');
    for (const junk of ['世界经济增速', '硅料价格', '万元/吨', 'GDP', '差距', '进出口规模']) expect(quotes).not.toContain(junk);
  });

  it('warns masked-target once per masked target, with its span and id', () => {
    const p = seed();
    const masked = p.targets.filter((g) => g.masked);
    const warnings = p.warnings.filter((w) => w.code === 'masked-target');
    expect(warnings.map((w) => w.itemId)).toEqual(masked.map((g) => g.id));
    expect(warnings.map((w) => w.source)).toEqual(masked.map((g) => g.source));
  });
});

describe('parseSpeech: big input', () => {
  it('parses a ~5 MB text (shape only; speed is measured in bench/parser.bench.ts)', () => {
    const unit = seedText();
    const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(unit, 'utf8')));
    const p = parseSpeech(text, { year: 2023 });
    expect(p.tasks.length).toBeGreaterThan(1000);
    expect(p.sections.length).toBeGreaterThan(1000);
    const last = p.tasks[p.tasks.length - 1]!;
    expect(text.slice(last.source.start, last.source.end)).toBe(last.quote);
  }, 90_000); // generous: a shared CI machine may be slow; the bench, not this test, checks speed

  it('parses inputs built to trip backtracking or nested scans (shape only)', () => {
    for (const t of [
      '要实施' + '！'.repeat(100_000) + '”', // a terminator run before a closer: /[。！]+$/ would be quadratic
      '（'.repeat(100_000) + '要实施土地收储。', // brackets that never close
      '（牵头单位'.repeat(30_000), // notation labels with no names
      '（市财政局牵头'.repeat(30_000), // role brackets with no close
      '（一）\n'.repeat(50_000), // a heading per line
      '市发展改革委要会同' + '市财政局、'.repeat(40_000), // an endless 会同 list
      '要实施' + '*'.repeat(30_000), // a run of mask characters with no punctuation
      '要完成' + '1'.repeat(30_000), // a run of digits
      '推进土地收储，'.repeat(20_000), // one sentence holding 20,000 tasks
    ]) {
      expect(ParsedPlanSchema.safeParse(parseSpeech(t, { year: 2024 })).success).toBe(true);
    }
  }, 90_000);

  it('finds targets all along a sentence too long for one extraction window, spans exact', () => {
    const text = '今年要确保' + '规上工业增加值增长5%以上，'.repeat(300) + '。';
    const p = parseSpeech(text, { year: 2024 });
    expect(p.targets.length).toBeGreaterThanOrEqual(250);
    for (const g of p.targets) expect(text.slice(g.source.start, g.source.end)).toBe(g.quote);
  });

  it('parses 1 MB with no punctuation and no line breaks (one giant sentence)', () => {
    const p = parseSpeech('要实施推进'.repeat(200_000), { year: 2023 });
    expect(ParsedPlanSchema.safeParse(p).success).toBe(true);
  }, 90_000);
});
