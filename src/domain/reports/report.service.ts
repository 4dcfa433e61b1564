/**
 * Problem reports: intake (anyone), the status link (anyone holding the
 * token), and triage by the analysts and leads of the side a report is
 * addressed to. A report never reaches the other side: what does is the issue
 * it is merged into.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooLargeError,
  ValidationError,
  type Problem,
} from '../errors.js';
import type { Store } from '../ports.js';
import type { Report, ReportInput, ReportStatus, SimilarItem } from '../../shared/reports.js';
import type { RejectReason } from './report.ports.js';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '../../shared/attachments.js';
import { defaultAddressee } from './addressee.js';
import { inspectAttachments, type UploadedFile } from './attachments.js';
import { priority } from './priority.js';
import { fateStatus } from './report.mail.js';
import { CANDIDATE_LIMIT, similarity, SIMILAR_LIMIT, SIMILAR_THRESHOLD } from './similar.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SubmitOptions {
  /** Files sent with the report (multipart); checked here, by their content. */
  attachments?: readonly UploadedFile[];
  limits?: AttachmentLimits;
  /** The side this installation serves (PARLEY_SIDE), the default addressee. */
  installationSide?: string;
}

/**
 * Checks what the schema cannot (HS codes against the nomenclature, the side
 * addressed, the attachments' content), picks the side (see addressee.ts),
 * stores the report with its files and returns its reference and the status
 * token (shown once; only its hash is kept). Nothing is written on a problem.
 */
export async function submitReport(
  store: Store,
  actor: Actor,
  input: ReportInput,
  options: SubmitOptions = {},
): Promise<{ reference: string; token: string }> {
  const problems: Problem[] = [];
  const products = input.products ?? [];
  const known = await store.taxonomy.knownHs(products);
  products.forEach((code, i) => {
    if (!known.has(code))
      problems.push({ pointer: `/products/${i}`, message: `${code} is not an HS code of the nomenclature` });
  });
  const placed = await store.reports.sideCountries();
  const sides = [...new Set(placed.map((s) => s.key))].sort();
  let side = input.addressedTo;
  if (side === undefined) {
    side = defaultAddressee(placed, input.economy, options.installationSide).side;
    if (side === undefined)
      problems.push({
        pointer: '/addressedTo',
        message:
          `required: the side the report is addressed to (${sides.join(', ')}); it cannot be told from ` +
          `the economy ${input.economy}`,
      });
  } else if (!sides.includes(side)) {
    problems.push({
      pointer: '/addressedTo',
      message: `must be one of the sides of this installation: ${sides.join(', ')}`,
    });
  }
  const files = inspectAttachments(options.attachments ?? [], options.limits ?? DEFAULT_ATTACHMENT_LIMITS);
  problems.push(...files.problems);
  if (problems.length > 0 || side === undefined) {
    const message = `The report was not received: ${problems.map((p) => `${p.pointer}: ${p.message}`).join('; ')}`;
    throw files.tooLarge ? new TooLargeError(message, problems) : new ValidationError(message, problems);
  }
  const token = randomBytes(32).toString('base64url');
  const { reference } = await store.reports.create(actor, side, input, hashToken(token), files.attachments);
  return { reference, token };
}

/**
 * What a status link shows: the report's fate and the analysts' questions. Any
 * of the report's links opens it: the one given at submission, or one sent by
 * e-mail.
 */
export async function reportStatus(store: Store, token: string): Promise<ReportStatus> {
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.questions.primaryHash(hashToken(token)) : undefined;
  const fate = hash ? await store.reports.fateByToken(hash) : undefined;
  if (!hash || !fate) throw new NotFoundError('report', 'status link');
  return {
    reference: fate.reference,
    receivedAt: fate.receivedAt,
    status: fateStatus(fate),
    issue: fate.issue,
    meetings: fate.meetings,
    rejection: fate.rejection,
    questions: await store.questions.forToken(hash),
  };
}

/** The caller's side, if their role triages reports (reads need no write scope). */
export function triageSide(principal: Principal): string {
  if (principal.user.disabled || !['lead', 'analyst'].includes(principal.user.role)) {
    throw new ForbiddenError(`Your role (${principal.user.role}) does not triage reports.`);
  }
  return principal.user.side;
}

export async function getReport(store: Store, principal: Principal, reference: string): Promise<Report> {
  const report = await store.reports.get(triageSide(principal), reference);
  if (!report) throw new NotFoundError('report', reference);
  return report;
}

/** A file of a report addressed to the caller's side, with its bytes. */
export async function getAttachment(store: Store, principal: Principal, reference: string, id: string) {
  const file = await store.reports.attachment(triageSide(principal), reference, id);
  if (!file) throw new NotFoundError('attachment', `${reference}/${id}`);
  return file;
}

export async function similarTo(store: Store, principal: Principal, reference: string): Promise<SimilarItem[]> {
  const side = triageSide(principal);
  const report = await getReport(store, principal, reference);
  const found = await store.reports.similarCandidates(side, report.reference, CANDIDATE_LIMIT);
  if (!found) throw new NotFoundError('report', reference);
  const items: SimilarItem[] = [];
  for (const c of found.candidates) {
    const s = similarity(found.query, c);
    if (s.score < SIMILAR_THRESHOLD) continue;
    items.push(
      c.kind === 'issue'
        ? { kind: 'issue', key: c.key, dialogue: c.dialogue, ...s }
        : { kind: 'report', reference: c.reference, ...s },
    );
  }
  const name = (i: SimilarItem) => `${i.kind} ${i.dialogue ?? ''} ${i.key ?? i.reference ?? ''}`;
  return items.sort((a, b) => b.score - a.score || (name(a) < name(b) ? -1 : 1)).slice(0, SIMILAR_LIMIT);
}

/**
 * Merges reports into an issue. The issue is found by key among the issues the
 * caller's side may see and owns (its own side's issues: a side does not add
 * evidence to the other side's record); when several dialogues hold that key,
 * `dialogue` must say which.
 */
export async function mergeReports(
  store: Store,
  principal: Principal,
  actor: Actor,
  issueKey: string,
  references: string[],
  dialogue?: string,
): Promise<{ dialogue: string; key: string }> {
  const side = triageSide(principal);
  const found = await store.reports.ownIssues(side, issueKey, dialogue);
  if (found.length === 0) throw new NotFoundError('issue', issueKey);
  if (found.length > 1) {
    throw new ValidationError(`Several dialogues have an issue "${issueKey}": say which in "dialogue".`, [
      { pointer: '/dialogue', message: `one of ${found.map((f) => f.dialogue).join(', ')}` },
    ]);
  }
  const problems: Problem[] = [];
  for (const [i, ref] of references.entries()) {
    const r = await store.reports.get(side, ref);
    if (!r) problems.push({ pointer: `/reports/${i}`, message: `no report ${ref} is addressed to your side` });
    else if (r.status !== 'new') problems.push({ pointer: `/reports/${i}`, message: `${ref} was already ${r.status}` });
  }
  if (problems.length > 0) throw new ValidationError('No report was merged.', problems);
  const issue = found[0]!;
  await store.reports.merge(actor, side, issue, references);
  return { dialogue: issue.dialogue, key: issue.key };
}

export async function rejectReport(
  store: Store,
  principal: Principal,
  actor: Actor,
  reference: string,
  reason: RejectReason,
  note?: string,
): Promise<Report> {
  const side = triageSide(principal);
  const r = await getReport(store, principal, reference);
  if (r.status !== 'new') throw new ConflictError('report-triaged', `${reference} was already ${r.status}.`);
  await store.reports.reject(actor, side, reference, reason, note);
  return (await store.reports.get(side, reference))!;
}

export const PRIORITY_SORTS = ['score', 'trade', 'companies', 'breadth', 'timeOpen'] as const;

/** The issues the caller's side holds, by priority (or by one of its parts), highest first. */
export async function priorities(store: Store, principal: Principal, sort: (typeof PRIORITY_SORTS)[number] = 'score') {
  const rows = await store.reports.priorityInputs(triageSide(principal));
  const items = rows.map((r) => ({
    dialogue: r.dialogue,
    key: r.key,
    title: r.title,
    status: r.status,
    reports: r.reports,
    tradeValue: r.tradeValue,
    companiesAffected: r.companiesAffected,
    ...priority(r),
  }));
  const by = (i: (typeof items)[number]) => (sort === 'score' ? i.score : i.parts[sort]);
  return items.sort((a, b) => by(b) - by(a) || a.key.localeCompare(b.key));
}
