/** Small builders for parser tests: speeches from paragraphs, the seed and the own fixtures. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParsedPlan, Task } from '@/domain/model';

/** A speech made of paragraphs, one per line. */
export function speech(...paragraphs: string[]): string {
  return paragraphs.join('\n');
}

export function seedText(): string {
  return readFileSync(resolve(process.cwd(), 'src/domain/seed-speech.txt'), 'utf8');
}

export type FixtureName =
  | 'work-report'
  | 'task-notice'
  | 'city-work-report-2025'
  | 'business-env-task-notice-2025'
  | 'district-safety-meeting-2025'
  | 'bracket-items-notice-2027';

export function fixtureText(name: FixtureName): string {
  return readFileSync(resolve(process.cwd(), `tests/fixtures/speeches/${name}.txt`), 'utf8');
}

/** The one task whose quote contains `part`; fails loudly when none or several match. */
export function taskWith(plan: ParsedPlan, part: string): Task {
  const hits = plan.tasks.filter((t) => t.quote.includes(part));
  if (hits.length !== 1) {
    throw new Error(`expected one task quoting “${part}”, found ${hits.length}: ${hits.map((t) => t.title).join(' | ')}`);
  }
  return hits[0]!;
}

export function tasksQuoting(plan: ParsedPlan, part: string): Task[] {
  return plan.tasks.filter((t) => t.quote.includes(part));
}
