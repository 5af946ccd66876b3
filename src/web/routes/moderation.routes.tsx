import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { readAuditLog } from '../../services/moderation/audit.service.ts';
import {
  changeRole,
  liftSuspension,
  memberStanding,
  suspendMember,
} from '../../services/moderation/member-moderation.service.ts';
import {
  describeReportTarget,
  fileReport,
  listReports,
  REPORT_TARGETS,
  type ReportTarget,
  resolveReport,
} from '../../services/moderation/report.service.ts';
import { type AccountRoutePlugin, requestActor } from '../auth.ts';
import { sendPage } from '../render.ts';
import { AuditPage, MemberAdminPage, ReportQueuePage } from '../views/moderation.page.tsx';
import { ReportPage } from '../views/report.page.tsx';
import { formProblem, memberOrLogin } from './member-form.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Body = Type.Record(Type.String(), Type.String());
const ReportQuery = Type.Object({
  kind: Type.Union(REPORT_TARGETS.map((kind) => Type.Literal(kind))),
  id: Id,
});
const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
const NOTICES = {
  resolved: 'The report is resolved.',
  suspended: 'The member is suspended.',
  lifted: 'The suspension is lifted.',
  role: 'The role is changed.',
} as const;
const Notice = Type.Object({
  notice: Type.Optional(Type.Union(Object.keys(NOTICES).map((key) => Type.Literal(key)))),
});

/** Reports a guest may send from one address in an hour, and a member. */
const GUEST_REPORTS_PER_HOUR = 5;
const MEMBER_REPORTS_PER_HOUR = 60;

/** Reports (anyone), the admins' report queue, the audit log and members' suspensions. */
export const moderationRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const protect = app.csrfProtection;
  const reportLimit = {
    rateLimit: {
      max: async (request: FastifyRequest) =>
        request.cookies && (await requestActor(db, request))
          ? MEMBER_REPORTS_PER_HOUR
          : GUEST_REPORTS_PER_HOUR,
      timeWindow: '1 hour',
    },
  };

  app.get('/report', { schema: { querystring: ReportQuery } }, async (request, reply) => {
    const actor = await requestActor(db, request);
    const { kind, id } = request.query;
    const label = await describeReportTarget(db, actor, kind, id);
    return sendPage(
      reply,
      <ReportPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        kind={kind}
        id={id}
        label={label}
      />,
    );
  });
  app.post(
    '/report',
    { preHandler: protect, config: reportLimit, schema: { body: Body } },
    async (request, reply) => {
      const actor = await requestActor(db, request);
      const kind = (REPORT_TARGETS as readonly string[]).includes(request.body.kind ?? '')
        ? (request.body.kind as ReportTarget)
        : null;
      const id = Number(request.body.id);
      try {
        await fileReport(db, actor, request.body);
        const label = kind ? await describeReportTarget(db, actor, kind, id) : '';
        return sendPage(
          reply,
          <ReportPage ctx={deps.context(request)} csrf="" kind={kind ?? 'work'} id={id} label={label} sent />,
        );
      } catch (error) {
        const { problems, status } = formProblem(error);
        if (!kind || !Number.isInteger(id)) throw error;
        const label = await describeReportTarget(db, actor, kind, id);
        return sendPage(
          reply,
          <ReportPage
            ctx={deps.context(request)}
            csrf={reply.generateCsrf()}
            kind={kind}
            id={id}
            label={label}
            problems={problems}
            values={{
              reason: request.body.reason ?? '',
              details: (request.body.details ?? '').slice(0, 5000),
            }}
          />,
          status,
        );
      }
    },
  );

  app.get('/admin/reports', { schema: { querystring: Notice } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const reports = await listReports(db, member);
    const notice = request.query.notice ? NOTICES[request.query.notice as keyof typeof NOTICES] : undefined;
    return sendPage(
      reply,
      <ReportQueuePage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        reports={reports}
        notice={notice}
      />,
    );
  });
  app.post(
    '/admin/reports/:id/resolve',
    { preHandler: protect, schema: { params: Type.Object({ id: Id }), body: Body } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, '/admin/reports');
      if (!member) return reply;
      const { action, note, days } = request.body;
      await resolveReport(db, member, request.params.id, {
        action,
        note: note ?? '',
        ...(days ? { days } : {}),
      });
      return reply.redirect('/admin/reports?notice=resolved', 303);
    },
  );

  app.get(
    '/admin/audit',
    {
      schema: {
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }),
      },
    },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const { entries, page, more } = await readAuditLog(db, member, request.query.page ?? 1);
      return sendPage(
        reply,
        <AuditPage ctx={deps.context(request)} entries={entries} page={page} more={more} />,
      );
    },
  );

  app.get(
    '/admin/members/:name',
    { schema: { params: NameParams, querystring: Notice } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const standing = await memberStanding(db, member, request.params.name);
      const notice = request.query.notice ? NOTICES[request.query.notice as keyof typeof NOTICES] : undefined;
      return sendPage(
        reply,
        <MemberAdminPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          member={standing}
          notice={notice}
        />,
      );
    },
  );
  for (const action of ['suspend', 'lift', 'role'] as const) {
    app.post(
      `/admin/members/:name/${action}`,
      { preHandler: protect, schema: { params: NameParams, body: Body } },
      async (request, reply) => {
        const path = `/admin/members/${encodeURIComponent(request.params.name)}`;
        const member = await memberOrLogin(db, request, reply, path);
        if (!member) return reply;
        try {
          if (action === 'lift')
            await liftSuspension(db, member, request.params.name, request.body.note ?? '');
          else if (action === 'role')
            await changeRole(db, member, request.params.name, request.body.role ?? '');
          else await suspendMember(db, member, request.params.name, request.body);
          return reply.redirect(
            `${path}?notice=${action === 'lift' ? 'lifted' : action === 'role' ? 'role' : 'suspended'}`,
            303,
          );
        } catch (error) {
          const { problems, status } = formProblem(error);
          const standing = await memberStanding(db, member, request.params.name);
          return sendPage(
            reply,
            <MemberAdminPage
              ctx={deps.context(request)}
              csrf={reply.generateCsrf()}
              member={standing}
              problems={problems}
            />,
            status,
          );
        }
      },
    );
  }
};
