/**
 * E-mail to reporters, in SQL: telling a reporter of each change of a report's
 * fate (`announceFates`, called in the transaction of the change: a report
 * received, merged or rejected; an issue written, which may raise it at a
 * meeting or resolve it), and questions asked of a reporter. Each e-mail gets
 * a status link of its own; only the hash of its token is kept.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../domain/audit/audit.js';
import type { MailLanguage } from '../domain/mail/outbox.js';
import type { QuestionStore } from '../domain/reports/questions.js';
import { fateKey, fateMail, questionMail, type ReporterContext } from '../domain/reports/report.mail.js';
import type { RejectReason, ReportFate } from '../domain/reports/report.ports.js';
import { hashToken } from '../domain/reports/report.service.js';
import type { Text } from '../domain/text.js';
import type { ReportQuestion } from '../shared/reports.js';
import { appendAudit } from './audit.repository.js';
import type { Database } from './database.js';
import { iso } from './mappers.js';
import { enqueueMail } from './outbox.repository.js';

/** A new status link for a report: the token goes into the e-mail, its hash into report_links. */
async function mintStatusLink(tx: Kysely<Database>, reportId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx
    .insertInto('report_links')
    .values({ token_hash: hashToken(token), report_id: reportId })
    .execute();
  return `/reports/status/${token}`;
}

async function agencies(tx: Kysely<Database>, sides: string[]): Promise<Map<string, Text>> {
  if (sides.length === 0) return new Map();
  const rows = await tx
    .selectFrom('sides')
    .innerJoin('dialogues', 'dialogues.id', 'sides.dialogue_id')
    .select(['sides.key', 'sides.agency'])
    .where('sides.key', 'in', sides)
    .orderBy('dialogues.seq')
    .execute();
  const out = new Map<string, Text>();
  for (const r of rows) if (!out.has(r.key)) out.set(r.key, r.agency as Text);
  return out;
}

const contextOf = (
  r: { reference: string; language: string; contact: unknown; created_at: Date | string; side_key: string },
  agency: Map<string, Text>,
): ReporterContext => ({
  reference: r.reference,
  language: (r.language === 'zh' ? 'zh' : 'en') as MailLanguage,
  name: (r.contact as { name: string }).name,
  receivedAt: iso(r.created_at),
  agency: agency.get(r.side_key),
});

/**
 * Compares the fate of the reports in scope with what their reporters were
 * last told, and for each that changed queues an e-mail (with a new status
 * link) and records the fate told. Runs inside the caller's transaction.
 * With `acknowledge`, a report never told anything is told it was received;
 * without, such a report (received before e-mail existed) is brought up to
 * date silently.
 */
export async function announceFates(
  tx: Kysely<Database>,
  scope: { reportIds: string[] } | { issueIds: string[]; meetingIds?: string[] },
  options: { acknowledge?: boolean } = {},
): Promise<number> {
  // A large import touches thousands of issues: keep each query's list of parameters short.
  if ('issueIds' in scope && scope.issueIds.length > 5000) {
    let queued = 0;
    for (let i = 0; i < scope.issueIds.length; i += 5000) {
      const issueIds = scope.issueIds.slice(i, i + 5000);
      queued += await announceFates(tx, { issueIds, meetingIds: i === 0 ? scope.meetingIds : [] }, options);
    }
    return queued;
  }
  let q = tx
    .selectFrom('reports')
    .leftJoin('issues', 'issues.id', 'reports.issue_id')
    .select([
      'reports.id',
      'reports.reference',
      'reports.side_key',
      'reports.language',
      'reports.contact',
      'reports.status',
      'reports.rejection',
      'reports.issue_id',
      'reports.created_at',
      'reports.announced_fate',
      'issues.key as issue_key',
      'issues.title as issue_title',
      'issues.status as issue_status',
    ]);
  if ('reportIds' in scope) {
    if (scope.reportIds.length === 0) return 0;
    q = q.where('reports.id', 'in', scope.reportIds);
  } else {
    const { issueIds, meetingIds = [] } = scope;
    if (issueIds.length === 0 && meetingIds.length === 0) return 0;
    // The reports merged into the issues written, or raised at the meetings changed (a meeting renumbered).
    q = q.where((eb) =>
      eb.or([
        ...(issueIds.length > 0 ? [eb('reports.issue_id', 'in', issueIds)] : []),
        ...(meetingIds.length > 0
          ? [
              eb(
                'reports.issue_id',
                'in',
                eb
                  .selectFrom('account_raisings')
                  .innerJoin('accounts', 'accounts.id', 'account_raisings.account_id')
                  .select('account_raisings.issue_id')
                  .where('accounts.meeting_id', 'in', meetingIds),
              ),
            ]
          : []),
      ]),
    );
  }
  const rows = await q.orderBy('reports.created_at').execute();
  if (rows.length === 0) return 0;

  const issueIds = [...new Set(rows.map((r) => r.issue_id).filter((i): i is string => i !== null))];
  const meetings = new Map<string, number[]>();
  if (issueIds.length > 0) {
    const raised = await tx
      .selectFrom('account_raisings')
      .innerJoin('accounts', 'accounts.id', 'account_raisings.account_id')
      .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
      .select(['account_raisings.issue_id', 'meetings.number'])
      .distinct()
      .where('account_raisings.issue_id', 'in', issueIds)
      .orderBy('meetings.number')
      .execute();
    for (const r of raised) meetings.set(r.issue_id, [...(meetings.get(r.issue_id) ?? []), r.number]);
  }

  const changed = rows
    .map((r) => {
      const rejection = r.rejection as { reason: RejectReason } | null;
      const fate: ReportFate = {
        reference: r.reference,
        receivedAt: iso(r.created_at),
        status: r.status as ReportFate['status'],
        issue:
          r.issue_key && r.issue_status
            ? { key: r.issue_key, title: r.issue_title as Text, status: r.issue_status }
            : undefined,
        meetings: r.issue_id ? (meetings.get(r.issue_id) ?? []) : [],
        rejection: rejection ? { reason: rejection.reason } : undefined,
      };
      return { row: r, fate, key: fateKey(fate) };
    })
    .filter((c) => c.key !== c.row.announced_fate);
  if (changed.length === 0) return 0;

  const agency = await agencies(tx, [...new Set(changed.map((c) => c.row.side_key))]);
  let queued = 0;
  for (const { row, fate, key } of changed) {
    if (row.announced_fate !== null || options.acknowledge) {
      const ctx = contextOf(row, agency);
      const mail = fateMail(ctx, fate);
      await enqueueMail(tx, {
        to: (row.contact as { email: string }).email,
        ...mail,
        language: ctx.language,
        kind: `report.${key.split(':')[0]}`,
        record: { kind: 'report', id: row.id, key: row.reference },
        link: await mintStatusLink(tx, row.id),
      });
      queued++;
    }
    await tx.updateTable('reports').set({ announced_fate: key }).where('id', '=', row.id).execute();
  }
  return queued;
}

type QuestionRow = {
  id: string;
  question: string;
  asked_by: string;
  asked_at: Date | string;
  answer: string | null;
  answered_at: Date | string | null;
};

function toQuestion(q: QuestionRow): ReportQuestion {
  return {
    id: q.id,
    question: q.question,
    askedAt: iso(q.asked_at),
    askedBy: q.asked_by,
    ...(q.answer !== null && q.answered_at !== null ? { answer: q.answer, answeredAt: iso(q.answered_at) } : {}),
  };
}

const QUESTION_COLUMNS = ['id', 'question', 'asked_by', 'asked_at', 'answer', 'answered_at'] as const;

export function createQuestionStore(db: Kysely<Database>): QuestionStore {
  /** The report a status-link token opens: by the link given at submission, or one sent by e-mail. */
  const reportByHash = (d: Kysely<Database>, tokenHash: string) =>
    d
      .selectFrom('reports')
      .select(['reports.id', 'reports.reference', 'reports.side_key', 'reports.status_token_hash'])
      .where((eb) =>
        eb.or([
          eb('reports.status_token_hash', '=', tokenHash),
          eb(
            'reports.id',
            '=',
            eb.selectFrom('report_links').select('report_links.report_id').where('token_hash', '=', tokenHash),
          ),
        ]),
      );

  const audit = (
    tx: Kysely<Database>,
    actor: Actor,
    action: string,
    r: { id: string; reference: string; side_key: string },
    after: unknown,
  ) =>
    appendAudit(tx, actor, {
      action,
      recordKind: 'report',
      recordId: r.id,
      recordKey: r.reference,
      ownerSide: r.side_key,
      visibility: 'internal',
      before: null,
      after,
    });

  return {
    ask(actor, side, reference, question) {
      return db.transaction().execute(async (tx) => {
        const r = await tx
          .selectFrom('reports')
          .select(['id', 'reference', 'side_key', 'language', 'contact', 'created_at'])
          .where('reference', '=', reference)
          .where('side_key', '=', side)
          .executeTakeFirst();
        if (!r) return undefined;
        const q = await tx
          .insertInto('report_questions')
          .values({ report_id: r.id, question, asked_by: actor.label })
          .returning(QUESTION_COLUMNS)
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'report.ask', r, { question: q.id, text: question });
        const ctx = contextOf(r, await agencies(tx, [r.side_key]));
        await enqueueMail(tx, {
          to: (r.contact as { email: string }).email,
          ...questionMail(ctx, question),
          language: ctx.language,
          kind: 'report.question',
          record: { kind: 'report', id: r.id, key: r.reference },
          link: await mintStatusLink(tx, r.id),
        });
        return toQuestion(q);
      });
    },

    async list(side, reference) {
      const r = await db
        .selectFrom('reports')
        .select('id')
        .where('reference', '=', reference)
        .where('side_key', '=', side)
        .executeTakeFirst();
      if (!r) return undefined;
      const rows = await db
        .selectFrom('report_questions')
        .select(QUESTION_COLUMNS)
        .where('report_id', '=', r.id)
        .orderBy('asked_at')
        .orderBy('id')
        .execute();
      return rows.map(toQuestion);
    },

    async primaryHash(tokenHash) {
      return (await reportByHash(db, tokenHash).executeTakeFirst())?.status_token_hash;
    },

    async forToken(tokenHash) {
      const r = await reportByHash(db, tokenHash).executeTakeFirst();
      if (!r) return [];
      const rows = await db
        .selectFrom('report_questions')
        .select(QUESTION_COLUMNS)
        .where('report_id', '=', r.id)
        .orderBy('asked_at')
        .orderBy('id')
        .execute();
      return rows.map((q) => {
        const { askedBy: _who, ...seen } = toQuestion(q);
        return seen;
      });
    },

    answer(actor, tokenHash, questionId, answer) {
      return db.transaction().execute(async (tx) => {
        const r = await reportByHash(tx, tokenHash).executeTakeFirst();
        if (!r) return 'no-report' as const;
        const q = await tx
          .selectFrom('report_questions')
          .select(['id', 'answer'])
          .where('id', '=', questionId)
          .where('report_id', '=', r.id)
          .forUpdate()
          .executeTakeFirst();
        if (!q) return 'no-question' as const;
        if (q.answer !== null) return 'already-answered' as const;
        await tx
          .updateTable('report_questions')
          .set({ answer, answered_at: sql<Date>`now()` })
          .where('id', '=', q.id)
          .execute();
        // The trail records that the reporter answered; the answer itself is kept with the question, like the report.
        await audit(tx, actor, 'report.answer', r, { question: q.id, answered: true });
        return 'answered' as const;
      });
    },
  };
}
