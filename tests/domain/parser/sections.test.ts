import { describe, expect, it } from 'vitest';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { scanSections } from '@/domain/parser/sections';
import { seedText, speech } from './parser-fixtures';

describe('sections', () => {
  it('reads 一、 as level 1 and (一) / （一） in either width as level 2 under it', () => {
    const t = speech('一、稳定经济增长', '(一)扩大有效投资。', '（二）提振消费。', '（三)混合宽度也算。', '二、深化改革');
    const { sections } = scanSections(t);
    expect(sections.map((s) => [s.number, s.title, s.level, s.parentId])).toEqual([
      ['一、', '稳定经济增长', 1, null],
      ['(一)', '扩大有效投资', 2, 's1'],
      ['（二）', '提振消费', 2, 's1'],
      ['（三)', '混合宽度也算', 2, 's1'],
      ['二、', '深化改革', 1, null],
    ]);
  });

  it('reads a （一） line of a breakdown notice as an item of its part, not as a heading', () => {
    const t = speech(
      '一、稳定增长',
      '（一）新开工项目120个。（牵头单位：市发展改革委）',
      '（二）年底前建成智慧停车平台。',
      '（三）提振消费',
      '(四)锚定目标抓落实。当前形势复杂，要保持定力。',
      '（五）扩大有效投资。',
    );
    const { sections, blocks } = scanSections(t);
    // The two items carry a notation, or a figure or a time in one sentence: items. The rest are
    // headings: a bare title, a title with its body after the 。, a one-sentence title naming nothing.
    expect(sections.map((s) => [s.title, s.level])).toEqual([
      ['稳定增长', 1],
      ['提振消费', 2],
      ['锚定目标抓落实', 2],
      ['扩大有效投资', 2],
    ]);
    const items = blocks.filter((b) => b.isItem).map((b) => [t.slice(b.start, b.end), b.sectionId]);
    expect(items).toEqual([
      ['新开工项目120个。（牵头单位：市发展改革委）', 's1'],
      ['年底前建成智慧停车平台。', 's1'],
    ]);
  });

  it('keeps speech headings that name a year, a quarter, a quoted figure or a notation on 一、 as headings', () => {
    const t = speech(
      '一、总体要求',
      '（一）加快构建“4+4+3”现代化产业体系。',
      '要坚持以实体经济为根基。',
      '（二）全力冲刺四季度，确保完成全年目标任务。',
      '各部门要逐项盘点。',
      '（三）2025年工作回顾。',
      '过去一年，全市经济稳中有进。',
      '（四）新建学校8所。',
      '校址已经选定，正在设计。',
      '二、安全生产专项整治（牵头单位：市应急管理局）',
      '（一）开展危化品专项检查',
      '各区要全面排查。',
    );
    const { sections, blocks } = scanSections(t);
    expect(sections.map((s) => s.title)).toEqual([
      '总体要求',
      '加快构建“4+4+3”现代化产业体系',
      '全力冲刺四季度，确保完成全年目标任务',
      '2025年工作回顾',
      // A figure, but body text follows: a heading.
      '新建学校8所',
      '安全生产专项整治（牵头单位：市应急管理局）',
      '开展危化品专项检查',
    ]);
    expect(blocks.some((b) => b.isItem)).toBe(false);
  });

  it('reads 第一， 1. 1、 as level 3 and （1） under a numbered point as level 4', () => {
    const t = speech('（一）重点任务。', '1. 推进标准地改革。', '（1）新增工业用地按标准地供应。', '2、建立信访台账。', '第一，加强党的建设。');
    const { sections } = scanSections(t);
    expect(sections.map((s) => [s.number, s.level, s.parentId])).toEqual([
      ['（一）', 2, null],
      ['1.', 3, 's1'],
      ['（1）', 4, 's2'],
      ['2、', 3, 's1'],
      ['第一，', 3, 's1'],
    ]);
  });

  it('（1） directly under （一） is level 3: a list may skip the 1. level', () => {
    const { sections } = scanSections(speech('（一）重点任务。', '（1）推进标准地改革。'));
    expect(sections[1]).toMatchObject({ number: '（1）', level: 3, parentId: 's1' });
  });

  it('（2） after （1） is a sibling, not a child', () => {
    const { sections } = scanSections(speech('二、深化改革', '（1）推进标准地改革。', '（2）制定国企改革方案。'));
    expect(sections.map((s) => [s.number, s.level, s.parentId])).toEqual([
      ['二、', 1, null],
      ['（1）', 3, 's1'],
      ['（2）', 3, 's1'],
    ]);
  });

  it('a numbered point’s title is its first clause; its whole text stays a task', () => {
    const t = '1. 加快推进重大项目建设，一季度重大项目开工率达到40%以上。';
    const plan = parseSpeech(t, { year: 2024 });
    expect(plan.sections[0]!.title).toBe('加快推进重大项目建设');
    expect(plan.tasks[0]!.quote).toBe('加快推进重大项目建设，一季度重大项目开工率达到40%以上');
  });

  it('does not take a decimal (1.5亿元) or a year for a numbered point', () => {
    const { sections } = scanSections(speech('1.5亿元的项目要在年底前开工。', '2023年，我们完成了改造。'));
    expect(sections).toEqual([]);
  });

  it('splits a sub-heading line at its first 。: heading, then body text on the same line', () => {
    const t = '(一)锚定目标抓落实。当前，要加快推进重大项目建设。';
    const plan = parseSpeech(t, { year: 2023 });
    expect(plan.sections).toHaveLength(1);
    expect(plan.sections[0]).toMatchObject({ title: '锚定目标抓落实', number: '(一)' });
    expect(plan.tasks.map((x) => x.quote)).toEqual(['要加快推进重大项目建设']);
    expect(plan.tasks[0]!.sectionId).toBe('s1');
  });

  it('gives tasks the innermost section, and the heading itself is never a task', () => {
    const plan = parseSpeech(speech('一、加强队伍建设', '（一）加快推进重大项目建设。', '要滚动实施土地收储。'), { year: 2024 });
    expect(plan.tasks.map((x) => [x.quote, x.sectionId])).toEqual([['要滚动实施土地收储', 's2']]);
  });

  it('finds the seed’s 3 parts and 9 sub-sections with spans that slice to number and title', () => {
    const text = seedText();
    const { sections } = parseSpeech(text, { year: 2023 });
    expect(sections.filter((s) => s.level === 1)).toHaveLength(3);
    expect(sections.filter((s) => s.level === 2)).toHaveLength(9);
    expect(sections.find((s) => s.title === '锚定目标抓落实')?.parentId).toBe(sections.find((s) => s.number === '二、')?.id);
    for (const s of sections) {
      const slice = text.slice(s.source.start, s.source.end);
      expect(slice.startsWith(s.number) && slice.endsWith(s.title)).toBe(true);
    }
  });
});
