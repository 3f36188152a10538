/**
 * 季度总结 (#/report?q=N): a quarter chooser, a 打印 button, and the summary as it will print
 * (A4, official-document look, src/styles/print.css). The figures are the dashboard's own
 * (buildQuarterlyReport reuses computeDashboard), so paper and screen never disagree.
 */
import { useMemo } from 'react';
import { buildQuarterlyReport, chineseDate, parseQuarter, QUARTERS, type Quarter } from '@/domain/report';
import { SelectField } from '@/components/field';
import { href, navigate, useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { useToday } from '@/store/selectors';
import { PrintButton } from './doc-parts';
import { reportContent } from './official-content';
import { WordExportButton } from './word-export-button';
import { ReportDocument } from './report-document';
import '@/styles/print.css';

const s = t.report;

export function ReportPage() {
  const plan = useLuoshi((st) => st.plan);
  const events = useLuoshi((st) => st.events);
  const units = useLuoshi((st) => st.units);
  const today = useToday();
  const { query } = useRoute();
  const quarter = parseQuarter(query.q, plan.year, today);

  const report = useMemo(() => buildQuarterlyReport(plan, events, quarter, today, { units }), [plan, events, quarter, today, units]);

  return (
    <div className="report-page">
      <div className="doc-toolbar no-print" role="group" aria-label={s.toolbarLabel}>
        <SelectField
          label={s.quarterLabel}
          value={String(quarter)}
          options={QUARTERS.map((q) => ({ value: String(q), label: `${plan.year}年${s.quarterOption(q)}` }))}
          onChange={(e) => navigate(href('/report', { q: Number(e.target.value) as Quarter }))}
        />
        <PrintButton />
        <WordExportButton fileName={`${report.title}.docx`} content={() => reportContent(report)} />
        <p className="doc-toolbar-hint">
          {report.status === 'closed' ? `${s.closed(chineseDate(report.asOf))} ` : null}
          {s.printHint}
        </p>
      </div>
      <ReportDocument report={report} />
    </div>
  );
}
