import type { ReportTarget } from '../../db/moderation.tables.ts';
import { REPORT_REASONS } from '../../services/moderation/report.service.ts';
import { Csrf, Problems } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** The report form for a work, a comment or a member; after sending, a thank-you in its place. */
export function ReportPage({
  ctx,
  csrf,
  kind,
  id,
  label,
  sent,
  problems,
  values = {},
}: {
  ctx: PageContext;
  csrf: string;
  kind: ReportTarget;
  id: number;
  label: string;
  sent?: boolean;
  problems?: string[];
  values?: Record<string, string>;
}) {
  return (
    <Layout ctx={ctx} title={`Report ${label}`} noindex>
      <h1>
        Report the {kind} {label}
      </h1>
      <Problems problems={problems} />
      {sent ? (
        <p role="status">Thank you: your report is sent to the archive's admins.</p>
      ) : (
        <form method="post" action="/report" class="account-form">
          <Csrf value={csrf} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={String(id)} />
          <div class="field">
            <label for="reason">Reason</label>
            <select id="reason" name="reason" required>
              <option value="">Choose a reason</option>
              {Object.entries(REPORT_REASONS).map(([key, text]) => (
                <option value={key} selected={values.reason === key}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="details">What is wrong</label>
            <textarea id="details" name="details" rows={6} maxLength={5000} required>
              {values.details ?? ''}
            </textarea>
          </div>
          <button type="submit" class="primary">
            Send the report
          </button>
        </form>
      )}
    </Layout>
  );
}
