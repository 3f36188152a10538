// @vitest-environment node
/**
 * The three lists as .xlsx, read back with our own reader: real columns, due dates as dates,
 * the light as a word and a fill colour, a frozen, filtered header, and a targets sheet.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deriveAllStates } from '@/domain/events';
import { listsWorkbook } from '@/domain/exchange/lists-workbook';
import { buildXlsx } from '@/domain/exchange/xlsx-writer';
import { readDocument } from '@/domain/readers/read-document';
import type { Target } from '@/domain/model';
import { ev, mkPlan, mkTask } from '../screen-fixtures';

const target: Target = { id: 'g1', metric: '经济增长', quote: '经济增长*%左右', source: { start: 0, end: 0 }, tier: 'expected', value: null, valueMax: null, unit: '%', comparator: 'about', masked: true, recurrence: null, due: '2025-12-31' };
const plan = mkPlan(
  [
    mkTask('a', '市教育局', '2025-03-31', { title: '新建学校三所', flagged: true }),
    mkTask('b', '市教育局', '2025-02-28', { title: '=HYPERLINK("x")出台方案', assignedOn: '2025-02-01' }),
    mkTask('c', ['市交通运输局'], '2025-12-31', { title: '道路改造', deadline: { label: '年底前（未注明时限）', due: '2025-12-31', recurrence: null, kind: 'date', inferred: true } }),
  ],
  { targets: [target], targetValues: { g1: 6 } },
);
const events = [
  ev('a', '2025-03-10', { type: 'tick', done: true }),
  // The 督办 cycle: b 交办 under a register number and 签收; c reported done, found not done on site.
  ev('b', '2025-03-01', { type: 'assign', year: 2025, number: 7, replyBy: null, note: '限期办结' }),
  ev('b', '2025-03-02', { type: 'receipt', handler: '李华', phone: '0351-5551234' }, '市教育局'),
  ev('c', '2025-03-12', { type: 'tick', done: true }, '市交通运输局'),
  ev('c', '2025-03-15', { type: 'inspection', date: '2025-03-15', finding: 'not-done' }),
];

async function exported() {
  const bytes = buildXlsx(listsWorkbook(plan, deriveAllStates(plan, events), '2025-03-20'));
  const r = await readDocument(bytes, '三张清单.xlsx');
  if (!r.ok) throw new Error(r.message);
  return { bytes, r };
}

describe('three lists as .xlsx', () => {
  it('reads back as two sheets with the columns, dates as dates and the light words', async () => {
    const { r } = await exported();
    expect(r.sheets).toEqual(['三张清单', '目标指标']);
    const [lists, targets] = r.doc.tables;
    const rows = lists!.rows.map((row) => row.cells.map((c) => c.text));
    expect(rows[0]).toEqual(['序号', '任务', '所属部分', '牵头单位', '配合单位', '完成时限', '时限说明', '原定时限', '状态', '进度（%）', '灯号', '挂牌督办', '核查不符', '交办日期', '督办单号', '签收（承办人 电话）', '原文']);
    // The reader sees the date style and gives the date back (a text would come back as typed).
    expect(rows[1]!.slice(0, 6)).toEqual(['1', '新建学校三所', '', '市教育局', '', '2025年3月31日']);
    expect(rows[1]![10]).toBe('已完成');
    expect(rows[2]![10]).toBe('红灯');
    // Due at the year's end, its completion contradicted on site: not done, behind the pace.
    expect(rows[3]![10]).toBe('黄灯');
    expect(rows[3]![12]).toBe('是');
    // The parser's filled-in deadline reads as the lists page says it, not as its internal note.
    expect(rows[3]![6]).toBe('原文未写明时限，按年底');
    expect(rows[2]!.slice(12, 16)).toEqual(['', '2025年2月1日', '督办〔2025〕第7号', '李华 0351-5551234']);
    // A title that looks like a formula is a text cell, never a formula.
    expect(rows[2]![1]).toBe('=HYPERLINK("x")出台方案');
    expect(targets!.rows[1]!.cells.map((c) => c.text).slice(1, 8)).toEqual(['经济增长', '预期目标', '6', '', '%', '左右', '2025年12月31日']);
  });

  it('freezes and filters the header, sets widths, fills the light cells, stores dates as serial numbers', async () => {
    const { bytes } = await exported();
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<autoFilter ref="A1:Q4"/>');
    expect(sheet).toContain('<col min="2" max="2" width="36" customWidth="1"/>');
    expect(sheet).not.toContain('<f>');
    // 2025-03-31 is Excel serial 45747.
    expect(sheet).toMatch(/<c r="F2" s="\d+"><v>45747<\/v><\/c>/);
    const styles = strFromU8(files['xl/styles.xml']!);
    for (const fill of ['F4B6B0', 'FFE08A', 'D9DDE3']) expect(styles).toContain(`<fgColor rgb="FF${fill}"/>`);
  });
});
