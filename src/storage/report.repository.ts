/** Problem reports in SQL. What the reporter sent is only ever inserted; triage moves status columns. */
import { sql, type Kysely, type Selectable } from 'kysely';
import { sideViewer } from '../domain/access/viewer.js';
import type { Actor } from '../domain/audit/audit.js';
import type { MergedReport, ReportStore } from '../domain/reports/report.ports.js';
import type { Text } from '../domain/text.js';
import type { Report } from '../shared/reports.js';
import { visibleTo, json } from './access.js';
import { appendAudit } from './audit.repository.js';
import { attachmentInfos, insertAttachments, readAttachment } from './attachment.repository.js';
import type { Database, ReportsTable } from './database.js';
import { iso } from './mappers.js';
import { announceFates } from './report-mail.repository.js';
import { refreshSearchOf } from './search.indexer.js';
import { refreshSimilar, similarCandidates } from './similar.repository.js';

type Row = Selectable<ReportsTable> & { issue_key: string | null; issue_dialogue: string | null };

function toReport(r: Row, attachments: Report['attachments'] = []): Report {
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
  return defined({
    reference: r.reference,
    addressedTo: r.side_key,
    language: r.language as Report['language'],
    organisation: r.organisation as Report['organisation'],
    contact: r.contact as Report['contact'],
    consent: r.consent as Report['consent'],
    economy: r.economy,
    region: r.region ?? undefined,
    sector: r.sector ?? undefined,
    products: r.products as string[],
    category: r.category ?? undefined,
    description: r.description,
    impact: (r.impact ?? undefined) as Report['impact'],
    stepsTaken: r.steps_taken ?? undefined,
    status: r.status as Report['status'],
    issue: r.issue_key && r.issue_dialogue ? { dialogue: r.issue_dialogue, key: r.issue_key } : undefined,
    rejection: (r.rejection ?? undefined) as Report['rejection'],
    receivedAt: iso(r.created_at),
    attachments,
  });
}

export function createReportStore(db: Kysely<Database>): ReportStore {
  const reports = (d: Kysely<Database>) =>
    d
      .selectFrom('reports')
      .leftJoin('issues', 'issues.id', 'reports.issue_id')
      .leftJoin('dialogues', 'dialogues.id', 'issues.dialogue_id')
      .selectAll('reports')
      .select(['issues.key as issue_key', 'dialogues.key as issue_dialogue']);

  const audit = (
    tx: Kysely<Database>,
    actor: Actor,
    action: string,
    r: { id: string; reference: string; side_key: string },
    before: unknown,
    after: unknown,
  ) =>
    appendAudit(tx, actor, {
      action,
      recordKind: 'report',
      recordId: r.id,
      recordKey: r.reference,
      ownerSide: r.side_key,
      visibility: 'internal',
      before,
      after,
    });

  return {
    async sides() {
      const rows = await db.selectFrom('sides').select('key').distinct().orderBy('key').execute();
      return rows.map((r) => r.key);
    },

    async sideCountries() {
      return db
        .selectFrom('sides')
        .innerJoin('dialogues', 'dialogues.id', 'sides.dialogue_id')
        .select(['dialogues.key as dialogue', 'sides.key', 'sides.country'])
        .orderBy('dialogues.key')
        .orderBy('sides.key')
        .execute();
    },

    attachment: (side, reference, id) => readAttachment(db, side, reference, id),

    create(actor, side, input, tokenHash, attachments = []) {
      return db.transaction().execute(async (tx) => {
        const n = (await sql<{ n: string }>`select nextval('report_numbers') as n`.execute(tx)).rows[0]!.n;
        const reference = `R-${new Date().getUTCFullYear()}-${String(n).padStart(6, '0')}`;
        const row = await tx
          .insertInto('reports')
          .values({
            reference,
            side_key: side,
            language: input.language,
            organisation: json(input.organisation),
            contact: json(input.contact),
            consent: json(input.consent),
            economy: input.economy,
            region: input.region ?? null,
            sector: input.sector ?? null,
            products: json(input.products ?? []),
            category: input.category ?? null,
            description: input.description,
            impact: json(input.impact),
            steps_taken: input.stepsTaken ?? null,
            status_token_hash: tokenHash,
          })
          .returning(['id', 'reference', 'side_key'])
          .executeTakeFirstOrThrow();
        await insertAttachments(tx, row.id, attachments);
        // The trail records the fact and classification, not the reporter's personal data (nor file names).
        await audit(tx, actor, 'report.receive', row, undefined, {
          reference,
          addressedTo: side,
          language: input.language,
          economy: input.economy,
          products: input.products ?? [],
          category: input.category ?? null,
          ...(attachments.length > 0
            ? { attachments: attachments.map((a) => ({ mediaType: a.mediaType, size: a.size, sha256: a.sha256 })) }
            : {}),
        });
        // The reporter is told by e-mail that the report was received (with a status link), in this transaction.
        await announceFates(tx, { reportIds: [row.id] }, { acknowledge: true });
        await refreshSearchOf(tx, { reports: [row.id] });
        await refreshSimilar(tx, { reports: [row.id] });
        return { reference };
      });
    },

    async fateByToken(tokenHash) {
      const r = await db
        .selectFrom('reports')
        .leftJoin('issues', 'issues.id', 'reports.issue_id')
        .select([
          'reports.reference',
          'reports.created_at',
          'reports.status',
          'reports.rejection',
          'reports.issue_id',
          'issues.key as issue_key',
          'issues.title as issue_title',
          'issues.status as issue_status',
        ])
        .where('reports.status_token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!r) return undefined;
      const meetings = r.issue_id
        ? (
            await db
              .selectFrom('account_raisings')
              .innerJoin('accounts', 'accounts.id', 'account_raisings.account_id')
              .innerJoin('meetings', 'meetings.id', 'accounts.meeting_id')
              .select('meetings.number')
              .distinct()
              .where('account_raisings.issue_id', '=', r.issue_id)
              .orderBy('meetings.number')
              .execute()
          ).map((m) => m.number)
        : [];
      const rejection = r.rejection as { reason: 'not-actionable' | 'duplicate' | 'out-of-scope' } | null;
      return {
        reference: r.reference,
        receivedAt: iso(r.created_at),
        status: r.status as 'new' | 'merged' | 'rejected',
        issue:
          r.issue_key && r.issue_status
            ? { key: r.issue_key, title: r.issue_title as Text, status: r.issue_status }
            : undefined,
        meetings,
        rejection: rejection ? { reason: rejection.reason } : undefined,
      };
    },

    async get(side, reference) {
      const r = await reports(db)
        .where('reports.reference', '=', reference)
        .where('reports.side_key', '=', side)
        .executeTakeFirst();
      return r ? toReport(r, (await attachmentInfos(db, [r.id])).get(r.id)) : undefined;
    },

    async list(side, status, limit) {
      let q = reports(db).where('reports.side_key', '=', side);
      if (status) q = q.where('reports.status', '=', status);
      const rows = await q.orderBy('reports.created_at').orderBy('reports.reference').limit(limit).execute();
      const files = await attachmentInfos(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toReport(r, files.get(r.id)));
    },

    similarCandidates: (side, reference, limit) => similarCandidates(db, side, reference, limit),

    async ownIssues(side, key, dialogue) {
      const viewer = sideViewer(side);
      let q = db
        .selectFrom('issues')
        .innerJoin('dialogues', 'dialogues.id', 'issues.dialogue_id')
        .select(['issues.id', 'dialogues.key as dialogue', 'issues.key'])
        .where('issues.key', '=', key)
        // Held by the side: its owner, or for a record without one (public), the side that raised it.
        .where(sql<boolean>`coalesce(issues.owner_side, issues.raised_by) = ${side}`)
        .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
        .where(visibleTo(viewer, 'dialogues', 'dialogues.id'));
      if (dialogue !== undefined) q = q.where('dialogues.key', '=', dialogue);
      return q.orderBy('dialogues.key').execute();
    },

    merge(actor, side, issue, references) {
      return db.transaction().execute(async (tx) => {
        const merged: string[] = [];
        for (const reference of references) {
          const r = await tx
            .updateTable('reports')
            .set({ status: 'merged', issue_id: issue.id, version: sql`version + 1`, updated_at: new Date() })
            .where('reference', '=', reference)
            .where('side_key', '=', side)
            .where('status', '=', 'new')
            .returning(['id', 'reference', 'side_key'])
            .executeTakeFirst();
          if (!r) throw new Error(`report ${reference} changed while it was being merged`);
          await audit(
            tx,
            actor,
            'report.merge',
            r,
            { status: 'new' },
            {
              status: 'merged',
              issue: `${issue.dialogue}/${issue.key}`,
            },
          );
          merged.push(r.id);
        }
        await announceFates(tx, { reportIds: merged });
        // The issue's priority counts its reports; the reports now carry its dialogue and meetings.
        await refreshSearchOf(tx, { issues: [issue.id], reports: merged });
      });
    },

    async mergedInto(issueId) {
      // Contact, text and files are not selected: no audience of "Reported by" ever gets them.
      const rows = await db
        .selectFrom('reports')
        .select(['reference', 'side_key', 'created_at', 'language', 'organisation', 'consent', 'impact', 'status'])
        .where('issue_id', '=', issueId)
        .where('status', '=', 'merged')
        .orderBy('created_at')
        .orderBy('reference')
        .execute();
      return rows.map((r) => {
        const impact = (r.impact ?? undefined) as MergedReport['impact'] & { since?: string };
        const given = impact && {
          ...(typeof impact.tradeValue === 'number' ? { tradeValue: impact.tradeValue } : {}),
          ...(typeof impact.currency === 'string' ? { currency: impact.currency } : {}),
          ...(typeof impact.companiesAffected === 'number' ? { companiesAffected: impact.companiesAffected } : {}),
        };
        return {
          reference: r.reference,
          side: r.side_key,
          receivedAt: iso(r.created_at),
          language: r.language as MergedReport['language'],
          organisation: r.organisation as MergedReport['organisation'],
          consent: r.consent as MergedReport['consent'],
          ...(given && Object.keys(given).length > 0 ? { impact: given } : {}),
          status: r.status as MergedReport['status'],
        };
      });
    },

    async priorityInputs(side) {
      const viewer = sideViewer(side);
      const rows = await db
        .selectFrom('issues')
        .innerJoin('dialogues', 'dialogues.id', 'issues.dialogue_id')
        .leftJoin('reports', 'reports.issue_id', 'issues.id')
        .select([
          'dialogues.key as dialogue',
          'issues.key',
          'issues.title',
          'issues.category',
          'issues.status',
          'issues.created_at',
          sql<string>`coalesce(sum((reports.impact->>'tradeValue')::numeric), 0)`.as('trade_value'),
          sql<string>`coalesce(sum((reports.impact->>'companiesAffected')::numeric), 0)`.as('companies'),
          sql<string>`count(reports.id)`.as('reports'),
        ])
        .where(sql<boolean>`coalesce(issues.owner_side, issues.raised_by) = ${side}`)
        .where(visibleTo(viewer, 'issues', 'issues.dialogue_id'))
        .where(visibleTo(viewer, 'dialogues', 'dialogues.id'))
        .groupBy(['dialogues.key', 'issues.id'])
        .execute();
      const setting = await db
        .selectFrom('installation_settings')
        .select('value')
        .where('key', '=', 'reports.strategic-weights')
        .executeTakeFirst();
      const weights = ((setting?.value ?? {}) as Record<string, Record<string, number>>)[side] ?? {};
      return rows.map((r) => ({
        dialogue: r.dialogue,
        key: r.key,
        title: r.title as Text,
        category: r.category,
        status: r.status,
        openedAt: iso(r.created_at),
        tradeValue: Number(r.trade_value),
        companiesAffected: Number(r.companies),
        reports: Number(r.reports),
        weight: typeof weights[r.category] === 'number' ? weights[r.category]! : 1,
      }));
    },

    reject(actor, side, reference, reason, note) {
      return db.transaction().execute(async (tx) => {
        const rejection = note === undefined ? { reason } : { reason, note };
        const r = await tx
          .updateTable('reports')
          .set({ status: 'rejected', rejection: json(rejection), version: sql`version + 1`, updated_at: new Date() })
          .where('reference', '=', reference)
          .where('side_key', '=', side)
          .where('status', '=', 'new')
          .returning(['id', 'reference', 'side_key'])
          .executeTakeFirst();
        if (!r) throw new Error(`report ${reference} changed while it was being rejected`);
        await audit(tx, actor, 'report.reject', r, { status: 'new' }, { status: 'rejected', ...rejection });
        await announceFates(tx, { reportIds: [r.id] });
        await refreshSearchOf(tx, { reports: [r.id] });
      });
    },
  };
}
