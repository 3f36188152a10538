/**
 * Runs axe-core on a rendered container in jsdom and fails on serious or critical violations.
 * 'color-contrast' is off: jsdom does not lay out or paint, so axe cannot compute it there (the
 * browser tests cover contrast on the real page).
 */
import axe from 'axe-core';
import { expect } from 'vitest';

export interface AxeOptions {
  /** Extra rule ids to disable for this check (say why at the call site). */
  disable?: string[];
}

export async function axeViolations(container: Element, options: AxeOptions = {}): Promise<axe.Result[]> {
  const rules: Record<string, { enabled: boolean }> = { 'color-contrast': { enabled: false } };
  for (const id of options.disable ?? []) rules[id] = { enabled: false };
  const results = await axe.run(container, { rules, resultTypes: ['violations'] });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Describes violations readably in the assertion message: rule, impact, and the failing nodes. */
export function describeViolations(violations: readonly axe.Result[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  - ${n.html.slice(0, 200)}`).join('\n')}`)
    .join('\n');
}

export async function expectNoSeriousA11yViolations(container: Element = document.body, options?: AxeOptions): Promise<void> {
  const violations = await axeViolations(container, options);
  expect(violations, describeViolations(violations)).toEqual([]);
}
