import type { AuditRow } from '../../db/moderation.tables.ts';
import { ROLES } from '../../domain/roles.ts';
import type { ReportListing } from '../../repositories/moderation/report.repository.ts';
import type { MemberStanding } from '../../services/moderation/member-moderation.service.ts';
import { REPORT_REASONS } from '../../services/moderation/report.service.ts';
import { Csrf, Problems } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

const ACTIONS = {
  work: ['hide-work', 'Hide the work'],
  comment: ['remove-comment', 'Remove the comment'],
  member: ['suspend-member', 'Suspend the member'],
} as const;

/** Where the reported thing is; a comment has no page of its own yet. */
function targetPath(report: ReportListing): string | null {
  if (report.target_kind === 'work') return `/works/${report.target_id}`;
  if (report.target_kind === 'member') return `/admin/members/${encodeURIComponent(report.target_label)}`;
  return null;
}

/** The open reports, each with its reporter, reason and the form that resolves it. */
export function ReportQueuePage({
  ctx,
  csrf,
  reports,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  reports: ReportListing[];
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Reports" noindex>
      <h1>Reports</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>
        <a href="/admin/audit">Audit log</a>
      </p>
      {reports.length === 0 ? <p>No open reports.</p> : null}
      <ol class="reports">
        {reports.map((report) => {
          const [action, label] = ACTIONS[report.target_kind];
          return (
            <li id={`report-${report.id}`}>
              <h2>
                Report {report.id}: {report.target_kind}{' '}
                {targetPath(report) ? (
                  <a href={targetPath(report) ?? ''}>{report.target_label}</a>
                ) : (
                  report.target_label
                )}
              </h2>
              <p>
                {REPORT_REASONS[report.reason as keyof typeof REPORT_REASONS] ?? report.reason}, from{' '}
                {report.reporter_name ?? 'a guest'} on {report.created_at.slice(0, 10)}
              </p>
              <blockquote class="userstuff">{report.details}</blockquote>
              <form method="post" action={`/admin/reports/${report.id}/resolve`} class="account-form">
                <Csrf value={csrf} />
                <fieldset>
                  <legend>Resolve</legend>
                  <label>
                    <input type="radio" name="action" value={action} required /> {label}
                  </label>
                  <label>
                    <input type="radio" name="action" value="dismiss" /> Dismiss the report
                  </label>
                  {report.target_kind === 'member' ? (
                    <label>
                      Days of suspension <input type="number" name="days" min={1} max={3650} />
                    </label>
                  ) : null}
                  <label>
                    Note <input type="text" name="note" maxLength={2000} />
                  </label>
                  <button type="submit">Resolve report {report.id}</button>
                </fieldset>
              </form>
            </li>
          );
        })}
      </ol>
    </Layout>
  );
}

/** The audit log, newest first, a page at a time. */
export function AuditPage({
  ctx,
  entries,
  page,
  more,
}: {
  ctx: PageContext;
  entries: AuditRow[];
  page: number;
  more: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Audit log" noindex>
      <h1>Audit log</h1>
      {entries.length === 0 ? <p>Nothing logged yet.</p> : null}
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr>
              <td>{entry.created_at.slice(0, 16).replace('T', ' ')}</td>
              <td>{entry.actor_name}</td>
              <td>{entry.action}</td>
              <td>
                {entry.target_kind === 'work' && entry.target_id ? (
                  <a href={`/works/${entry.target_id}`}>{entry.target_label}</a>
                ) : (
                  entry.target_label
                )}
              </td>
              <td>{entry.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages">
        {page > 1 ? <a href={`/admin/audit?page=${page - 1}`}>Newer</a> : null}{' '}
        {more ? <a href={`/admin/audit?page=${page + 1}`}>Older</a> : null}
      </nav>
    </Layout>
  );
}

/** A member's role and suspension, with the forms that change them. */
export function MemberAdminPage({
  ctx,
  csrf,
  member,
  notice,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  member: MemberStanding;
  notice?: string;
  problems?: string[];
}) {
  const base = `/admin/members/${encodeURIComponent(member.name)}`;
  return (
    <Layout ctx={ctx} title={`Member ${member.name}`} noindex>
      <h1>Member {member.name}</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <p>Role: {member.role}</p>
      {member.suspendedUntil ? (
        <>
          <p>
            Suspended until {member.suspendedUntil.slice(0, 16).replace('T', ' ')} UTC
            {member.suspendedReason ? `: ${member.suspendedReason}` : ''}.
          </p>
          <form method="post" action={`${base}/lift`} class="account-form">
            <Csrf value={csrf} />
            <label>
              Note <input type="text" name="note" maxLength={2000} />
            </label>
            <button type="submit">Lift the suspension</button>
          </form>
        </>
      ) : (
        <form method="post" action={`${base}/suspend`} class="account-form">
          <Csrf value={csrf} />
          <label>
            Days <input type="number" name="days" min={1} max={3650} required />
          </label>
          <label>
            Note <input type="text" name="note" maxLength={2000} />
          </label>
          <button type="submit">Suspend {member.name}</button>
        </form>
      )}
      <form method="post" action={`${base}/role`} class="account-form role-form">
        <Csrf value={csrf} />
        <label>
          Role{' '}
          <select name="role">
            {ROLES.map((role) => (
              <option key={role} value={role} selected={role === member.role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Change the role</button>
      </form>
    </Layout>
  );
}
