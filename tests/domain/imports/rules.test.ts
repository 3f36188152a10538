/** The import rules on their own: believable times, and who may send which file. */
import { isSaneTime, timeProblem, verifySender } from '@/domain/imports/rules';
import { newerPlan } from '@/domain/merge';
import { OFFICE_NAME, parseIsoTime } from '@/domain/model';
import { samplePlan } from '../../fixtures/storage/build-sample';

const now = new Date('2026-03-10T00:00:00Z');

describe('parseIsoTime', () => {
  it('reads what toISOString writes and offsets', () => {
    expect(parseIsoTime('2026-03-10T08:00:00.000Z')).toBe(Date.UTC(2026, 2, 10, 8));
    expect(parseIsoTime('2026-03-10T16:00:00+08:00')).toBe(Date.UTC(2026, 2, 10, 8));
  });
  it.each(['zzz', 'yesterday', '2023-02-30T00:00:00.000Z', '2023-02-30', '+275760-09-13T00:00:00.000Z', '2026-03-10', '2026-03-10T25:00:00Z', 42, null])('%j is no time', (v) => {
    expect(parseIsoTime(v)).toBeNull();
  });
});

describe('timeProblem', () => {
  it('accepts 2000-01-01 to one day after now, both ends included', () => {
    expect(isSaneTime('2000-01-01T00:00:00.000Z', now)).toBe(true);
    expect(isSaneTime('2026-03-11T00:00:00.000Z', now)).toBe(true);
    expect(timeProblem('1999-12-31T23:59:59.999Z', now)).toBe('“1999-12-31T23:59:59.999Z”早于 2000年1月1日');
    expect(timeProblem('2026-03-11T00:00:00.001Z', now)).toMatch(/^“2026-03-11T00:00:00.001Z”比本机当前日期（2026年3月10日）晚一天以上$/);
    expect(timeProblem('zzz', now)).toBe('“zzz”不是有效的时间');
    expect(timeProblem(undefined, now)).toBe('没有填写');
  });
});

describe('verifySender: the one check that signatures will strengthen', () => {
  const pkg = (sender: string, events: unknown[] = []) => verifySender({ kind: 'luoshi/plan-package', sender, payload: { events } });
  it('a plan package from the office with only its own records passes', () => {
    expect(pkg(OFFICE_NAME, [{ unit: OFFICE_NAME }])).toEqual({ ok: true });
  });
  it('a plan package from a unit, or with a unit’s record, does not', () => {
    expect(pkg('市教育局')).toMatchObject({ ok: false, reason: expect.stringMatching(/发送单位是“市教育局”/) });
    expect(pkg(OFFICE_NAME, [{ unit: '市教育局' }, { unit: '市财政局' }])).toMatchObject({ ok: false, reason: expect.stringMatching(/有 2 条不是市政府办公室填写的记录/) });
  });
  it('a progress report from a unit passes, from the office not; a backup from anyone', () => {
    expect(verifySender({ kind: 'luoshi/progress-report', sender: '市教育局', payload: {} })).toEqual({ ok: true });
    expect(verifySender({ kind: 'luoshi/progress-report', sender: OFFICE_NAME, payload: {} }).ok).toBe(false);
    expect(verifySender({ kind: 'luoshi/backup', sender: '市教育局', payload: {} })).toEqual({ ok: true });
  });
});

describe('newerPlan with a time that is no time', () => {
  it('a real time always wins over garbage, whichever side it is on', () => {
    const real = { ...samplePlan, updatedAt: '2026-03-09T00:00:00.000Z' };
    for (const bad of ['zzz', '+275760-09-13T00:00:00.000Z', '']) {
      const junk = { ...samplePlan, updatedAt: bad };
      expect(newerPlan(real, junk)).toBe(real);
      expect(newerPlan(junk, real)).toBe(real);
    }
  });
});
