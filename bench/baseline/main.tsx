/**
 * The benchmark's baseline: the same 1,000 task checkboxes as the app, in a bare React list with
 * no store, no persistence, no lights, no derived state. The app's click-to-paint is reported as
 * a multiple of this page's, measured in the same browser in the same run, so machine noise
 * cancels out of the ratio.
 *
 * Written the way a careful React developer would write a plain list (memoised rows, a stable
 * callback), so the ratio measures what the app adds, not a handicapped baseline.
 */
import { memo, StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** The runner puts the fixture's task titles here before the page loads (same data as the app). */
const TITLES_KEY = 'luoshi-bench-baseline-titles';

function loadTitles(): string[] {
  try {
    const raw = localStorage.getItem(TITLES_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
  } catch {
    // Fall through to generated titles: the baseline must run even when opened by hand.
  }
  return Array.from({ length: 1000 }, (_, i) => `任务 ${i + 1}`);
}

const Row = memo(function Row(props: { index: number; title: string; done: boolean; onToggle: (i: number) => void }) {
  const id = `t-${props.index}`;
  return (
    <li>
      <input id={id} type="checkbox" checked={props.done} onChange={() => props.onToggle(props.index)} />
      <label htmlFor={id}>{props.title}</label>
    </li>
  );
});

function App({ titles }: { titles: string[] }) {
  const [done, setDone] = useState<boolean[]>(() => titles.map(() => false));
  const onToggle = useCallback((i: number) => {
    setDone((prev) => prev.map((d, j) => (j === i ? !d : d)));
  }, []);
  return (
    <main>
      <h1>任务清单（基线）</h1>
      <ul>
        {titles.map((t, i) => (
          <Row key={i} index={i} title={t} done={done[i]!} onToggle={onToggle} />
        ))}
      </ul>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App titles={loadTitles()} />
  </StrictMode>,
);
