import { describe, expect, it } from 'vitest';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { TITLE_MAX, taskTitle } from '@/domain/parser/title';
import { seedText } from './parser-fixtures';

describe('task titles', () => {
  it('drops the subject and modal, keeps the directive up to the first break', () => {
    expect(taskTitle('我们要把面临的历史遗留问题逐一梳理出来，分领域专题研究')).toBe('把面临的历史遗留问题逐一梳理出来');
    expect(taskTitle('要滚动实施土地收储，千方百计腾出未来发展空间')).toBe('滚动实施土地收储');
  });

  it('shortens a long list to its first item and 等 (国资国企、财税金融…等 → 国资国企等)', () => {
    expect(taskTitle('深入推进国资国企、财税金融、农业农村、社会治理等重点领域和关键环节改革')).toBe('深入推进国资国企等重点领域和关键环节改革');
  });

  it('never leaves a quote open when it cuts', () => {
    const t = taskTitle('加快建设“全国一流、全省领先、西部示范、区域带动、辐射周边、面向全国的数字经济创新发展示范高地”');
    expect(t.length).toBeLessThanOrEqual(TITLE_MAX + 2);
    expect((t.match(/“/g) ?? []).length).toBe((t.match(/”/g) ?? []).length);
  });

  it('names a 确保A、确保B series by its first item, and 围绕争创X by the goal', () => {
    expect(taskTitle('确保实现一季度“开门红”、确保圆满完成全年各项目标任务、确保主要经济指标走在全省前列')).toBe('确保实现一季度“开门红”');
    expect(taskTitle('要围绕争创省级创新型城市，只要“值钱”就要舍得“花钱”')).toBe('争创省级创新型城市');
  });

  it('turns a document announcement round: 出台《…》', () => {
    expect(taskTitle('《**市市级重大行政决策程序暂行规定》即将出台')).toBe('出台《**市市级重大行政决策程序暂行规定》');
  });

  it('every seed title is short and non-empty', () => {
    for (const t of parseSpeech(seedText(), { year: 2023 }).tasks) {
      expect(t.title.length).toBeGreaterThan(3);
      expect(t.title.length).toBeLessThanOrEqual(TITLE_MAX + 2);
    }
  });
});
