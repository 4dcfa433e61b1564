/**
 * "Reported by": the reports merged into an issue, as far as each reporter's
 * consent lets the reader know of them (PRODUCT.md rule 2: a report's company
 * identity is internal to the side that received it unless the reporter
 * consented to more). See docs/REPORTS.md.
 *
 * - The leads and analysts of the side a report was addressed to (the only
 *   roles that read reports) get it in full, less contact and text.
 * - Anyone else who may see the issue gets the organisation's name and kind
 *   when the reporter consented to it for them, and otherwise only a count:
 *   the other government's staff when `shareWithCounterpart`; the public and
 *   reporters (companies) when `shareWithPublic`; the receiving side's other
 *   roles (admin, public-affairs) when either (a name the reporter let out of
 *   the triage staff's hands may reach the rest of the government that
 *   received it). A name the public sees on a public issue is shown to every
 *   reader of it: no one signed in learns less than the public.
 */
import { PUBLIC_VIEWER, type Viewer } from '../access/viewer.js';
import type { Principal } from '../auth/roles.js';
import { NotFoundError } from '../errors.js';
import type { Store } from '../ports.js';
import type { IssueReport, IssueReporters, NamedReporter } from '../../shared/reports.js';
import type { MergedReport } from './report.ports.js';

/** Who reads the issue, as far as reporters' consent is concerned. */
export type ReporterAudience = { kind: 'triage'; side: string } | { kind: 'staff'; side: string } | { kind: 'public' };

/** Reporters and anyone not signed in are the public; leads and analysts triage; other roles are their side's staff. */
export function reporterAudience(principal: Principal | undefined): ReporterAudience {
  if (!principal || principal.user.disabled || principal.user.role === 'reporter') return { kind: 'public' };
  if (principal.user.role === 'lead' || principal.user.role === 'analyst') {
    return { kind: 'triage', side: principal.user.side };
  }
  return { kind: 'staff', side: principal.user.side };
}

/** Whether the reporter consented to the audience knowing its name; `publicIssue`: the public may see the issue. */
export function mayName(audience: ReporterAudience, report: MergedReport, publicIssue: boolean): boolean {
  const { shareWithCounterpart, shareWithPublic } = report.consent;
  if (publicIssue && shareWithPublic) return true;
  if (audience.kind === 'public') return shareWithPublic;
  if (audience.side === report.side) return shareWithCounterpart || shareWithPublic;
  return shareWithCounterpart;
}

/**
 * The "Reported by" answer for an audience, from the issue's merged reports.
 * Rejected reports never count. Names are given once each (a company that
 * reported twice is one name), sorted; everything else is `unnamed`.
 */
export function presentReporters(
  audience: ReporterAudience,
  reports: readonly MergedReport[],
  publicIssue: boolean,
): IssueReporters {
  const full: IssueReport[] = [];
  const names = new Map<string, NamedReporter>();
  let unnamed = 0;
  for (const r of reports) {
    if (r.status === 'rejected') continue;
    if (audience.kind === 'triage' && audience.side === r.side) {
      full.push({
        reference: r.reference,
        receivedAt: r.receivedAt,
        language: r.language,
        organisation: { name: r.organisation.name, kind: r.organisation.kind },
        ...(r.impact ? { impact: { ...r.impact } } : {}),
        status: r.status,
      });
    } else if (mayName(audience, r, publicIssue)) {
      const { name, kind } = r.organisation;
      names.set(`${kind}\u0000${name}`, { organisation: { name, kind } });
    } else {
      unnamed += 1;
    }
  }
  const named = [...names.values()].sort(
    (a, b) =>
      a.organisation.name.localeCompare(b.organisation.name) || a.organisation.kind.localeCompare(b.organisation.kind),
  );
  return { items: [...full, ...named], unnamed };
}

/**
 * The reports behind an issue for the reader. The issue is looked up through
 * the reader's access filter first: one they may not see is not found, as the
 * issue itself is.
 */
export async function issueReporters(
  store: Store,
  viewer: Viewer,
  principal: Principal | undefined,
  dialogueKey: string,
  issueKey: string,
): Promise<IssueReporters> {
  const issue = await store.issues.get(viewer, dialogueKey, issueKey);
  if (!issue) throw new NotFoundError('issue', `${dialogueKey}/${issueKey}`);
  const reports = await store.reports.mergedInto(issue.id);
  const audience = reporterAudience(principal);
  // Whether the public sees the issue (it and its dialogue public): asked only when it can matter.
  const publicIssue =
    viewer.kind === 'public' ||
    (reports.some((r) => r.consent.shareWithPublic) &&
      (await store.issues.get(PUBLIC_VIEWER, dialogueKey, issueKey)) !== undefined);
  return presentReporters(audience, reports, publicIssue);
}
