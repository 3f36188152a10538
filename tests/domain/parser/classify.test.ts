import { describe, expect, it } from 'vitest';
import { classifyDocument, documentDate, documentKind, governmentLevel, plansNextYear, statedYear } from '@/domain/parser/classify';
import { markReview } from '@/domain/parser/review';
import { scanSections } from '@/domain/parser/sections';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { speech } from './parser-fixtures';

describe('statedYear: the plan year the document states', () => {
  it.each([
    [speech('竹岭县人民政府办公室文件', '竹府办〔2016〕20号', '关于印发“民生实事”目标任务分解方案的通知'), 2016, 'document number 〔YYYY〕'],
    [speech('青禾县人民政府常务会议纪要', '〔2027〕第12次', '会议研究了城区供水等事项。现纪要如下：'), 2027, 'the serial of minutes 〔YYYY〕第N次'],
    [speech('督查工作简报', '【2025】第3期', '县政府督查室编'), 2025, 'the serial of a briefing 【YYYY】第N期'],
    [speech('竹岭县人民政府办公室', '关于印发2016年“民生实事”目标任务分解方案的通知'), 2016, 'dated title'],
    [speech('关于印发《数字经济发展行动计划（2023—2025年）》的通知'), 2023, 'a plan over several years starts in its first'],
    [speech('关于加强城市管理的通知', '要加快推进城市更新。', '岚州市人民政府', '2024年3月8日'), 2024, 'the date under the signature'],
    [speech('关于加强防汛工作的通知', '2025年6月底前完成病险水库除险加固，2025年5月底前完成隐患排查。'), 2025, 'the year most dated deadlines name'],
    [speech('关于加快推进供水管网改造的通知', '2025年全市改造老旧供水管网150公里以上。'), 2025, 'the only year named, not as a past reference'],
  ])('%#: %s → %i (%s)', (text, year) => {
    expect(statedYear(text, documentDate(text))).toBe(year);
  });

  it.each([
    speech('关于加强城市管理的通知', '2024年，全市完成老旧小区改造80个。要加快推进城市更新。'),
    speech('关于加强城市管理的通知', '2020年以来，全市累计完成改造120个。'),
    speech('关于加强城市管理的通知', '要加快推进城市更新。'),
  ])('states none: %s', (text) => {
    expect(statedYear(text, documentDate(text))).toBeNull();
  });

  it('plans the next year when dated in November or December and speaking of 明年 (rule december-plan)', () => {
    expect(plansNextYear('明年经济工作的主要目标是…', '2024-12-26')).toBe(true);
    expect(plansNextYear('2025年重点工作…2025年目标', '2024-11-20')).toBe(true);
    expect(plansNextYear('明年经济工作的主要目标是…', '2024-06-26')).toBe(false);
    expect(classifyDocument(speech('在全县经济工作会议上的讲话', '（2024年12月26日）', '明年要抓好项目建设。'), false, {})).toMatchObject({ year: 2025, thisYear: 2024, date: '2024-12-26' });
  });

  it('falls back to the caller’s year, then today’s with a warning, never silently', () => {
    expect(classifyDocument('要加快推进城市更新。', false, { year: 2030, currentYear: 2031 })).toMatchObject({ year: 2030, yearFrom: 'option' });
    expect(classifyDocument('要加快推进城市更新。', false, { currentYear: 2031 })).toMatchObject({ year: 2031, yearFrom: 'today' });
    expect(parseSpeech('要加快推进城市更新。', { currentYear: 2031 }).warnings.map((w) => w.code)).toContain('year-guessed');
  });
});

describe('governmentLevel and documentKind', () => {
  it.each([
    ['国务院办公厅关于…的意见\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：', 'national'],
    ['澜江省人民政府办公厅关于…的通知\n各市（州）人民政府，省政府各部门：', 'provincial'],
    ['岚州市人民政府办公室关于…的通知\n各县（市、区）人民政府，市级各部门：', 'city'],
    ['鹭溪县人民政府办公室关于…的通知\n各乡镇人民政府，县直各单位：', 'county'],
    ['云栖区人民政府办公室关于…的通知\n各街道办事处，区级各部门：', 'district'],
    ['在全县工作会议上的讲话\n同志们：全县上下要…全县…全县…', 'county'],
  ])('%s → %s', (text, level) => {
    expect(governmentLevel(text)).toBe(level);
  });

  it.each([
    ['2026年政府工作报告\n各位代表：', false, 'report'],
    ['在全市经济工作会议上的讲话\n同志们：', false, 'speech'],
    ['关于一季度重点工作推进情况的通报', false, 'bulletin'],
    ['关于印发2026年重点工作任务分解方案的通知', false, 'breakdown'],
    ['关于加快推进城市更新的实施意见', true, 'breakdown'],
    ['关于加快推进城市更新的实施意见', false, 'policy'],
  ])('%s → %s', (text, tables, kind) => {
    expect(documentKind(text, tables)).toBe(kind);
  });
});

describe('markReview: the review part of a report', () => {
  const review = (text: string, year = 2026) => {
    const scan = scanSections(text);
    const marks = markReview(scan.sections, scan.blocks, text, year);
    return scan.blocks.filter((_, i) => marks[i]).map((b) => text.slice(b.start, b.start + 6));
  };

  it('marks a review section and all its subsections, up to the next heading of its level (rule review-section)', () => {
    const text = speech('一、2025年工作回顾', '（一）经济运行稳中向好。全市地区生产总值增长5.9%。', '（二）民生福祉不断增进。新增就业5.1万人。', '二、2026年主要目标', '地区生产总值增长6%左右。');
    expect(review(text)).toEqual(['全市地区生产', '新增就业5.']);
  });

  it('does not take 一、2025年工作情况和2026年工作安排 for a review (it names the plan ahead)', () => {
    expect(review(speech('一、2025年工作情况和2026年工作安排', '要加快推进城市更新。'))).toEqual([]);
  });

  it('carries a review paragraph on until a turn to the year ahead or a directive (rule review-paragraph)', () => {
    const text = speech('过去一年，全县地区生产总值增长6.4%。', '我们坚持项目为王，完成投资96亿元。', '今年是关键之年。', '要加快推进项目建设。');
    expect(review(text)).toEqual(['过去一年，全', '我们坚持项目']);
    expect(review(speech('2025年，全市完成投资96亿元。', '全年新增就业5万人。', '要加快推进项目建设。'))).toEqual(['2025年，', '全年新增就业']);
  });
});
