import { describe, expect, it } from 'vitest';
import { windowAround } from '@/features/import/source-pane';

describe('windowAround', () => {
  const line = 'x'.repeat(99) + '\n';
  const text = line.repeat(100); // 10,000 characters in lines of 100

  it('shows everything when the text is short', () => {
    expect(windowAround('短文本', 0, 0, 100)).toEqual({ start: 0, end: 3 });
  });
  it('centres on the item and snaps to whole lines', () => {
    const r = windowAround(text, 5_000, 5_010, 1_000);
    expect(r.start % 100).toBe(0);
    expect(text[r.end]).toBe('\n');
    expect(r.start).toBeLessThanOrEqual(5_000);
    expect(r.end).toBeGreaterThanOrEqual(5_010);
  });
  it('stays inside the text at both ends', () => {
    expect(windowAround(text, 0, 10, 1_000).start).toBe(0);
    expect(windowAround(text, 9_990, 10_000, 1_000).end).toBe(10_000);
  });
  it('always contains an item longer than the window', () => {
    const r = windowAround(text, 100, 5_000, 1_000);
    expect(r.start).toBeLessThanOrEqual(100);
    expect(r.end).toBeGreaterThanOrEqual(5_000);
  });
});
