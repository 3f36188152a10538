import { describe, expect, it } from 'vitest';
import { isLeaderName, isUnitName, unitNameAt } from '@/domain/parser/unit-names';
import { DEFAULT_UNITS } from '@/domain/units-registry';

const at = (s: string, mode: 'strict' | 'cell' = 'strict') => unitNameAt(s, 0, s.length, DEFAULT_UNITS, mode)?.name ?? null;

describe('unitNameAt: units by the grammar of their names', () => {
  it.each([
    ['国家发展改革委牵头', '国家发展改革委'],
    ['财政部等按职责分工负责', '财政部'],
    ['人力资源社会保障部要', '人力资源社会保障部'],
    ['海关总署', '海关总署'],
    ['国务院办公厅', '国务院办公厅'],
    ['省住房城乡建设厅要', '省住房城乡建设厅'],
    ['江州市住房和城乡建设局要', '江州市住房和城乡建设局'],
    ['云岭县人民政府', '云岭县人民政府'],
    ['城关镇人民政府', '城关镇人民政府'],
    ['县委宣传部', '县委宣传部'],
    ['区委政法委', '区委政法委'],
    ['县委县政府督查室要', '县委县政府督查室'],
    ['市安委会办公室要', '市安委会办公室'],
    ['高新区管委会', '高新区管委会'],
    ['市财政局和市教育局', '市财政局'],
    ['县代建中心', '县代建中心'],
  ])('%s → %s', (s, name) => {
    expect(at(s)).toBe(name);
  });

  it.each([
    ['各设区市人民政府要', '各设区市人民政府'],
    ['各市（州）商务主管部门每季度', '各市（州）商务主管部门'],
    ['各地发展改革部门要', '各地发展改革部门'],
    ['各县（市、区）人民政府', '各县（市、区）人民政府'],
    ['请各地区、各部门', null],
    ['各牵头单位于每月', '各牵头单位'],
  ])('collectives: %s → %s', (s, name) => {
    expect(at(s)).toBe(name);
    if (name) expect(unitNameAt(s, 0, s.length, DEFAULT_UNITS)!.collective).toBe(true);
  });

  it.each(['发展格局', '市场格局要', '干部要', '市委', '县政府', '市场化改革要', '全市各级'])('no unit: %s', (s) => {
    expect(at(s)).toBeNull();
  });

  it('needs a level prefix in prose, not in a table cell (发改局, 县农技站)', () => {
    expect(at('发改局要')).toBeNull();
    expect(at('发改局', 'cell')).toBe('发改局');
    expect(at('岚州东站要加快建设')).toBeNull();
    expect(at('县农技站', 'cell')).toBe('县农技站');
  });

  it('starts a name only at a word boundary in prose (社区 is not 区…)', () => {
    const s = '加强社区卫生服务中心建设';
    expect(unitNameAt(s, 3, s.length, DEFAULT_UNITS)).toBeNull();
  });
});

describe('isUnitName and isLeaderName, for table cells', () => {
  it.each(['县财政局', '发改局', '有关部门', '各乡镇人民政府', '人民银行云栖支行'])('%s is a unit', (s) => {
    expect(isUnitName(s, DEFAULT_UNITS)).toBe(true);
  });
  it.each(['分管副县长', '张**', '王明', '县长', '市教育局局长'])('%s is a leader', (s) => {
    expect(isLeaderName(s)).toBe(true);
  });
  it.each(['完成主体工程', '12月底前'])('%s is neither', (s) => {
    expect(isUnitName(s, DEFAULT_UNITS)).toBe(false);
  });
});
