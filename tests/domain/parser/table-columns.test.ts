import { describe, expect, it } from 'vitest';
import { guessColumnRole, guessColumnRoles, looksLikeHeader } from '@/domain/parser/table-columns';

describe('guessColumnRoles', () => {
  it('reads a 任务分解 header: seq, task, leader, lead, co, deadline', () => {
    expect(guessColumnRoles(['序号', '重点任务', '责任领导', '牵头单位', '配合单位', '完成时限'])).toEqual([
      'seq',
      'task',
      'leader',
      'lead',
      'co',
      'deadline',
    ]);
  });

  it('reads a 民生实事 header where one column names every owner', () => {
    expect(guessColumnRoles(['编号', '民生实事', '责任单位', '完成时间'])).toEqual(['seq', 'task', 'owners', 'deadline']);
  });

  it.each([
    ['任务', 'task'],
    ['工作任务', 'task'],
    ['事项', 'task'],
    ['工作内容', 'task'],
    ['主要内容', 'task'],
    ['具体措施', 'task'],
    ['牵头部门', 'lead'],
    ['主责单位', 'lead'],
    ['协办单位', 'co'],
    ['参与单位', 'co'],
    ['责任部门', 'owners'],
    ['承办单位', 'owners'],
    ['牵头领导', 'leader'],
    ['分管领导', 'leader'],
    ['市级领导', 'leader'],
    ['时间节点', 'deadline'],
    ['时限要求', 'deadline'],
    ['办结时限', 'deadline'],
    ['进展', 'progress'],
    ['完成情况', 'progress'],
    ['备注', 'note'],
  ] as const)('%s → %s', (cell, role) => {
    expect(guessColumnRole(cell)).toBe(role);
  });

  it('ignores spaces, line breaks and a trailing gloss inside a header cell', () => {
    expect(guessColumnRoles(['序  号', '牵头\n单位', '完成时限（2026年）', ' 备 注 '])).toEqual(['seq', 'lead', 'deadline', 'note']);
  });

  it('gives other to columns it cannot read, and to look-alikes that are not owners or deadlines', () => {
    expect(guessColumnRoles(['投资额（万元）', '计量单位', '开工时间', '', '地点'])).toEqual(['other', 'other', 'other', 'other', 'other']);
  });

  it('does not take 牵头领导 for a lead unit nor 完成情况 for a deadline', () => {
    expect(guessColumnRole('牵头领导')).toBe('leader');
    expect(guessColumnRole('完成情况')).toBe('progress');
  });
});

describe('looksLikeHeader', () => {
  it('accepts short labels with a task column and another role', () => {
    expect(looksLikeHeader(['序号', '民生实事', '责任单位', '完成时限'])).toBe(true);
    expect(looksLikeHeader(['工作任务', '牵头单位'])).toBe(true);
  });

  it('refuses a data row, a row of sentences, and a header with no task column', () => {
    expect(looksLikeHeader(['1', '启动县图书馆新馆建设。', '县文体广新局', '12月底前'])).toBe(false);
    expect(looksLikeHeader(['各单位要把重点任务逐项分解落实到人', '完成时限'])).toBe(false);
    expect(looksLikeHeader(['序号', '责任单位', '完成时限'])).toBe(false);
  });
});
