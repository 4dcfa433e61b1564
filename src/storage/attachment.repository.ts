/**
 * Files of problem reports in SQL (migrations/0007_report_attachments.sql):
 * inserted with their report, in its transaction; read only through the side
 * the report is addressed to. Never updated nor deleted.
 */
import type { Kysely } from 'kysely';
import type { NewAttachment } from '../domain/reports/attachments.js';
import type { AttachmentInfo } from '../shared/attachments.js';
import type { Database } from './database.js';

/** Writes a report's files in the caller's transaction, in the order they were sent. */
export async function insertAttachments(
  tx: Kysely<Database>,
  reportId: string,
  files: readonly NewAttachment[],
): Promise<void> {
  for (const [position, f] of files.entries()) {
    await tx
      .insertInto('report_attachments')
      .values({
        report_id: reportId,
        position,
        file_name: f.name,
        media_type: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        content: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
      })
      .execute();
  }
}

/** What reports list of their files (no bytes), by report id. */
export async function attachmentInfos(
  db: Kysely<Database>,
  reportIds: readonly string[],
): Promise<Map<string, AttachmentInfo[]>> {
  const out = new Map<string, AttachmentInfo[]>();
  if (reportIds.length === 0) return out;
  const rows = await db
    .selectFrom('report_attachments')
    .select(['id', 'report_id', 'file_name', 'media_type', 'size', 'sha256'])
    .where('report_id', 'in', [...reportIds])
    .orderBy('report_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.report_id) ?? [];
    list.push({ id: r.id, name: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256 });
    out.set(r.report_id, list);
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One file with its bytes, when its report is addressed to `side`. */
export async function readAttachment(
  db: Kysely<Database>,
  side: string,
  reference: string,
  id: string,
): Promise<(NewAttachment & { id: string }) | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await db
    .selectFrom('report_attachments')
    .innerJoin('reports', 'reports.id', 'report_attachments.report_id')
    .select([
      'report_attachments.id',
      'report_attachments.file_name',
      'report_attachments.media_type',
      'report_attachments.size',
      'report_attachments.sha256',
      'report_attachments.content',
    ])
    .where('report_attachments.id', '=', id)
    .where('reports.reference', '=', reference)
    .where('reports.side_key', '=', side)
    .executeTakeFirst();
  if (!r) return undefined;
  return { id: r.id, name: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256, bytes: r.content };
}
