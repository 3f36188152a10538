/**
 * One table model for every table (source-document.ts): tables found in pasted text in the two
 * layouts of DOCUMENT-SHAPES (one cell per line, tab-separated) and tables a reader hands over in
 * SourceDocument.tables, with the office's column mapping or without.
 */
import { describe, expect, it } from 'vitest';
import { ParsedPlanSchema } from '@/domain/model';
import { findPastedTables } from '@/domain/parser/pasted-tables';
import type { DocRow, DocTable, SourceDocument } from '@/domain/parser/source-document';
import { parseDocument, parseSpeech } from '@/domain/parser/speech-parser';
import { guessColumnsFromContent } from '@/domain/parser/table-columns';
import { cellKind, resolveTable, rowViews } from '@/domain/parser/table-model';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { speech } from './parser-fixtures';

const rows = (text: string) =>
  findPastedTables(text, 0, text.length, DEFAULT_UNITS).flatMap((t) =>
    rowViews(resolveTable(t, DEFAULT_UNITS)).map((v) => Object.fromEntries(Object.entries(v.cells).map(([role, cells]) => [role, cells!.map((c) => c.text).join('|')]))),
  );

describe('tables pasted one cell per line', () => {
  it('reads the header and each row, a unit per line going to the owners, a vanished cell not shifting the rest', () => {
    const text = speech('序号', '民生实事', '责任单位', '完成时限', '1', '启动县图书馆新馆建设。', '县文体广新局', '县代建中心', '12月底前', '2', '新建城区停车位800个。', '县住建局', '10月底前');
    expect(rows(text)).toEqual([
      { seq: '1', task: '启动县图书馆新馆建设。', owners: '县文体广新局\n县代建中心', deadline: '12月底前' },
      { seq: '2', task: '新建城区停车位800个。', owners: '县住建局', deadline: '10月底前' },
    ]);
  });

  it('puts a second unit after a filled 牵头单位 into 配合单位, and text after the owners into the time-limit cell', () => {
    const text = speech('序号', '重点任务', '牵头单位', '配合单位', '时间节点', '1', '建成智慧停车平台', '县住建局', '县公安局', '续建，', '12月底前通水试运行');
    expect(rows(text)).toEqual([{ seq: '1', task: '建成智慧停车平台', lead: '县住建局', co: '县公安局', deadline: '续建，\n12月底前通水试运行' }]);
  });

  it('keeps a wrapped task cell whole, skips a category heading and a header repeated after a page break', () => {
    const text = speech('序号', '工作任务', '责任单位', '完成时限', '（一）教育', '1', '新建教学楼1栋，', '新增学位900个。', '县教体局', '8月底前', '序号', '工作任务', '责任单位', '完成时限', '2', '改造校舍1.8万平方米。', '县住建局', '9月底前');
    expect(rows(text).map((r) => [r.task, r.deadline])).toEqual([
      ['新建教学楼1栋，\n新增学位900个。', '8月底前'],
      ['改造校舍1.8万平方米。', '9月底前'],
    ]);
  });

  it('leader-cell-person: an empty 责任领导 cell does not pull the 牵头单位 into it, and 各县（市、区）人民政府 is one unit', () => {
    const text = speech('序号', '工作任务', '责任领导', '牵头单位', '配合单位', '完成时限', '1', '建成城市智慧停车平台。', '张建国', '市住建局', '市公安局', '9月底前', '2', '改造农贸市场8个。', '市商务局', '市市场监管局', '11月底前', '3', '新增城镇就业2万人。', '市人社局', '各县（市、区）人民政府', '全年');
    expect(rows(text).map((r) => [r.leader, r.lead, r.co, r.deadline])).toEqual([
      ['张建国', '市住建局', '市公安局', '9月底前'],
      // An empty 责任领导 cell is read as merged with the one above (merged-cell), never as a unit.
      ['张建国', '市商务局', '市市场监管局', '11月底前'],
      ['张建国', '市人社局', '各县（市、区）人民政府', '全年'],
    ]);
  });

  it('ends the table at prose after it', () => {
    const text = speech('序号', '民生实事', '责任单位', '完成时限', '1', '启动县图书馆新馆建设。', '县文体广新局', '12月底前', '以上民生实事由县政府督查室按季度督查，确保按期完成。');
    expect(rows(text)).toHaveLength(1);
    expect(parseSpeech(text, { year: 2026 }).tasks.map((t) => t.title)).toEqual(['启动县图书馆新馆建设', '以上民生实事由县政府督查室按季度督查']);
  });

  it('finds no table in a speech whose short lines only happen to be words', () => {
    expect(findPastedTables(speech('同志们：', '任务', '很重要。', '要加快推进城市更新。'), 0, 40, DEFAULT_UNITS)).toEqual([]);
  });
});

describe('tables pasted as tab-separated rows', () => {
  it('reads a header row, rows with empty merged cells carried down, and a quoted Excel cell with a line break', () => {
    const text = ['序号\t重点任务\t牵头单位\t完成时限', '1\t新开工项目30个\t县发改局\t6月底前', '2\t争取专项债券10亿元\t\t', '3\t"建立周调度机制，\n每周通报进展"\t县财政局\t长期坚持'].join('\n');
    expect(rows(text)).toEqual([
      { seq: '1', task: '新开工项目30个', lead: '县发改局', deadline: '6月底前' },
      { seq: '2', task: '争取专项债券10亿元', lead: '县发改局', deadline: '6月底前' },
      { seq: '3', task: '建立周调度机制，\n每周通报进展', lead: '县财政局', deadline: '长期坚持' },
    ]);
  });

  it('reads a table without a header by what its cells hold', () => {
    const text = ['1\t完成老旧小区改造12个，惠及居民2800户\t县住建局\t11月底前', '2\t新建农村供水管网60公里\t县水务局\t12月底前', '3\t新增公共停车泊位600个\t县城管局\t9月30日前'].join('\n');
    expect(rows(text).map((r) => [r.task, r.owners, r.deadline])).toEqual([
      ['完成老旧小区改造12个，惠及居民2800户', '县住建局', '11月底前'],
      ['新建农村供水管网60公里', '县水务局', '12月底前'],
      ['新增公共停车泊位600个', '县城管局', '9月30日前'],
    ]);
  });

  it('leaves a few tabs in prose alone', () => {
    expect(findPastedTables('要加快推进城市更新。\t今年完成改造。\n同志们，要抓紧。', 0, 28, DEFAULT_UNITS)).toEqual([]);
  });
});

describe('guessColumnsFromContent and cellKind', () => {
  it('tells numbers, time limits, units, leaders and text apart', () => {
    expect(['3', '2026年6月底前', '县财政局、县发改局', '分管副县长', '新建农村供水管网60公里', ''].map((s) => cellKind(s, DEFAULT_UNITS))).toEqual([
      'seq',
      'deadline',
      'units',
      'leader',
      'text',
      'empty',
    ]);
    // A sentence ending in 。 is a wrapped task cell, not a time limit.
    expect(cellKind('年底前主体完工。', DEFAULT_UNITS)).toBe('text');
  });

  it('names the longest text column the task, a second units column the co-units', () => {
    expect(
      guessColumnsFromContent(
        [
          ['seq', 'text', 'units', 'units', 'deadline'],
          ['seq', 'text', 'units', 'empty', 'deadline'],
        ],
        [
          [1, 20, 4, 4, 6],
          [1, 18, 4, 0, 6],
        ],
      ),
    ).toEqual(['seq', 'task', 'lead', 'co', 'deadline']);
  });
});

/** A reader's table over `text`: cells are the tab-separated parts of each line. */
function readerTable(text: string, lineFrom: number, headerRows: number, columns: DocTable['columns'], sheet: string | null = null): DocTable {
  const rowsOut: DocRow[] = [];
  let at = 0;
  text.split('\n').forEach((line, i) => {
    if (i >= lineFrom && line.length > 0) {
      let c = at;
      const cells = line.split('\t').map((part) => {
        const cell = { text: part, span: { start: c, end: c + part.length }, merged: false };
        c += part.length + 1;
        return cell;
      });
      rowsOut.push({ span: { start: at, end: at + line.length }, cells, rowNumber: rowsOut.length + 1, page: 2 });
    }
    at += line.length + 1;
  });
  return { span: { start: rowsOut[0]!.span.start, end: rowsOut[rowsOut.length - 1]!.span.end }, sheet, headerRows, rows: rowsOut, columns };
}

describe('parseDocument with a reader’s tables', () => {
  const text = ['关于印发2026年重点工作任务的通知', '事项\t主办单位\t完成期限\t备注', '完成城区雨污分流改造20公里\t区城管局\t2026年9月底前\t', '建成社区食堂10个\t区民政局\t2026年12月底前\t续建'].join('\n');

  it('reads the rows with the header’s roles, sets each task’s sheet, page and row, and finds no second table in the text', () => {
    const doc: SourceDocument = { text, tables: [readerTable(text, 1, 1, null, '任务表')], pageStarts: [], kind: 'xlsx', fileName: 'tasks.xlsx' };
    const p = parseDocument(doc);
    expect(ParsedPlanSchema.safeParse(p).success).toBe(true);
    expect(p.year).toBe(2026);
    expect(p.tasks.map((t) => [t.title, t.owners[0]?.name, t.deadline.due, t.location])).toEqual([
      ['完成城区雨污分流改造20公里', '区城管局', '2026-09-30', { sheet: '任务表', page: 2, row: 2 }],
      ['建成社区食堂10个', '区民政局', '2026-12-31', { sheet: '任务表', page: 2, row: 3 }],
    ]);
    for (const t of p.tasks) expect(text.slice(t.source.start, t.source.end)).toBe(t.quote);
    expect(p.targets.map((g) => [g.value, g.unit])).toEqual([
      [20, '公里'],
      [10, '个'],
    ]);
  });

  it('follows the office’s column mapping over the header', () => {
    // The office says the 备注 column names the co-unit.
    const doc: SourceDocument = { text, tables: [readerTable(text, 1, 1, ['task', 'lead', 'deadline', 'co'])], pageStarts: [], kind: 'docx', fileName: null };
    expect(parseDocument(doc).tasks[1]!.owners.map((o) => `${o.name}:${o.role}`)).toEqual(['区民政局:lead', '续建:co']);
  });

  it('ignores a table whose spans fall outside the text instead of trusting it', () => {
    const bad = readerTable(text, 1, 1, null);
    bad.rows[0]!.span = { start: 5, end: text.length + 100 };
    const p = parseDocument({ text, tables: [bad], pageStarts: [], kind: 'docx', fileName: null });
    expect(ParsedPlanSchema.safeParse(p).success).toBe(true);
    for (const t of p.tasks) expect(text.slice(t.source.start, t.source.end)).toBe(t.quote);
  });
});

/**
 * Issue 11's contract: a task read from a table row quotes the whole row (DocRow.span), every cell
 * from 序号 to 备注, so the office can find the row in the file; the title still names the task cell,
 * and Task.location gives the sheet or page and the row number.
 */
describe('a table row task quotes its whole row', () => {
  it('one cell per line: the quote runs from the 序号 cell to the last cell, the row numbered with the header as row 1', () => {
    const text = speech('序号', '问题描述', '整改措施', '责任单位', '完成时限', '1', '部分村庄污水直排河道。', '建设村级污水处理站12座。', '县生态环境分局', '9月底前', '2', '城区停车难问题突出。', '新增公共停车位600个。', '县住建局', '11月底前');
    const p = parseSpeech(text, { year: 2026 });
    expect(p.tasks.map((t) => [t.quote, t.title, t.location])).toEqual([
      ['1\n部分村庄污水直排河道。\n建设村级污水处理站12座。\n县生态环境分局\n9月底前', '建设村级污水处理站12座', { sheet: null, page: null, row: 2 }],
      ['2\n城区停车难问题突出。\n新增公共停车位600个。\n县住建局\n11月底前', '新增公共停车位600个', { sheet: null, page: null, row: 3 }],
    ]);
    for (const t of p.tasks) expect(text.slice(t.source.start, t.source.end)).toBe(t.quote);
  });

  it('tab-separated rows: the quote is the row line, without the tabs of empty trailing cells', () => {
    const text = ['2026年民生实事项目清单', '序号\t项目内容\t牵头单位\t配合单位\t完成时限', '1\t改造老旧小区35个\t区住建局\t区财政局\t10月底前', '2\t新建婴幼儿照护服务机构3家\t区卫健委\t\t'].join('\n');
    const p = parseSpeech(text, { year: 2026 });
    const lines = text.split('\n');
    expect(p.tasks.map((t) => t.quote)).toEqual([lines[2], lines[3]!.trimEnd()]);
    expect(p.tasks.map((t) => t.title)).toEqual(['改造老旧小区35个', '新建婴幼儿照护服务机构3家']);
    expect(p.tasks.map((t) => t.location?.row)).toEqual([2, 3]);
  });

  it('a reader’s table: the quote is DocRow.span, the 备注 cell after the task and the sheet and page kept', () => {
    const text = ['关于印发2026年重点工作任务的通知', '事项\t主办单位\t完成期限\t备注', '完成城区雨污分流改造20公里\t区城管局\t2026年9月底前\t', '建成社区食堂10个\t区民政局\t2026年12月底前\t续建'].join('\n');
    const table = readerTable(text, 1, 1, null, '任务表');
    const p = parseDocument({ text, tables: [table], pageStarts: [], kind: 'xlsx', fileName: 'tasks.xlsx' });
    expect(p.tasks.map((t) => t.source)).toEqual([table.rows[1]!.span, table.rows[2]!.span]);
    expect(p.tasks[1]!.quote).toBe('建成社区食堂10个\t区民政局\t2026年12月底前\t续建');
    expect(p.tasks[1]!.location).toEqual({ sheet: '任务表', page: 2, row: 3 });
  });
});
