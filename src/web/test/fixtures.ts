/**
 * API payloads for the component tests, built from the demo bundle (the
 * U.S.–China working group) in the shapes of src/shared/api.ts, so that the
 * tests see what the real server sends.
 */
import bundle from '../../demo/us-cn-ciwg.json' with { type: 'json' };
import type {
  AccountT,
  DialogueSummaryT,
  DialogueT,
  InstallationT,
  IssueT,
  MeetingDetailT,
  MeetingT,
  OutcomeT,
} from '../../shared/api.js';
import type { IssueDetailT } from '../hooks/api.js';
import { ROLES, type DemoUserT, type MeT, type Permission, type Role } from '../hooks/types.js';

const stamp = '2024-04-07T09:00:00.000Z';
let counter = 0;
function meta(ownerSide: string | null, visibility: IssueT['visibility'] = 'public') {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    version: 1,
    ownerSide,
    visibility,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

export const installation: InstallationT = {
  name: 'Parley — Trade Dialogues Office',
  version: '0.1.0',
  engine: 'pglite',
};

const d = bundle.dialogue;
export const dialogue: DialogueT = {
  ...meta(null, 'public'),
  key: d.key,
  names: d.names,
  level: 'vice-ministerial',
  cadence: d.cadence,
  mandate: d.mandate,
  established: d.established,
  sides: d.sides,
  people: d.people,
  principles: d.principles.map((p) => ({ ...p, kind: 'non-negotiable' as const })),
};

type BundleIssue = (typeof bundle.issues)[number];
function toIssue(issue: BundleIssue): IssueT {
  const owner = 'owner' in issue && issue.owner ? issue.owner : issue.raisedBy;
  return {
    ...meta(owner, issue.visibility as IssueT['visibility']),
    dialogue: d.key,
    key: issue.key,
    title: issue.title,
    summary: issue.summary,
    raisedBy: issue.raisedBy,
    respondent: issue.respondent,
    category: issue.category as IssueT['category'],
    topics: issue.topics,
    sectors: issue.sectors,
    products: issue.products,
    economies: issue.economies,
    regions: issue.regions,
    status: issue.status as IssueT['status'],
    owner,
  };
}

/** What a reader without a side sees: the public issues only. */
export const issues: IssueT[] = bundle.issues.filter((i) => i.visibility === 'public').map(toIssue);

const m = bundle.meetings[0]!;
export const meeting: MeetingT = {
  ...meta(null),
  dialogue: d.key,
  key: m.key,
  number: m.number,
  date: m.date,
  format: 'in-person',
  place: m.place,
  host: m.host,
  chairs: m.chairs,
  participants: m.participants,
  accountSides: m.accounts.map((a) => a.side),
};

export const meetingDetail: MeetingDetailT = {
  ...meeting,
  accounts: m.accounts.map((a): AccountT => ({
    ...meta(a.side),
    dialogue: d.key,
    meeting: m.number,
    side: a.side,
    published: a.published,
    source: a.source,
    raised: a.raised.map((r) => ({ ...r, stance: r.stance as AccountT['raised'][number]['stance'] })),
    outcomes: a.outcomes.map((o): OutcomeT => ({
      ...meta(a.side),
      dialogue: d.key,
      meeting: m.number,
      account: a.side,
      key: o.key,
      kind: o.kind as OutcomeT['kind'],
      title: o.title,
      owners: o.owners,
      status: o.status as OutcomeT['status'],
    })),
    nextMeeting: a.nextMeeting,
  })),
};

export const dialogueSummary: DialogueSummaryT = {
  id: dialogue.id,
  key: dialogue.key,
  names: dialogue.names,
  level: dialogue.level,
  sides: dialogue.sides.map(({ key, country, agency }) => ({ key, country, agency })),
  meetingCount: 1,
  issueCount: issues.length,
  lastMeeting: { number: 1, date: '2024-04-04' },
  updatedAt: stamp,
};

export function issueDetail(key: string): IssueDetailT {
  const issue = issues.find((i) => i.key === key);
  if (!issue) throw new Error(`no fixture issue ${key}`);
  const raisings = meetingDetail.accounts.flatMap((account) =>
    account.raised
      .filter((r) => r.issue === key)
      .map((r) => ({ meeting: meeting.number, date: meeting.date, side: account.side, by: r.by, stance: r.stance })),
  );
  return { ...issue, raisings };
}

/** GET /api/v1/me for a demo user of `side` in `role`, with the permissions the server gives that role. */
export function me(side: 'us' | 'cn', role: Role): MeT {
  const permissions: Record<Role, Permission[]> = {
    admin: ['bundle.import', 'user.manage'],
    lead: [
      'issue.create',
      'issue.update',
      'meeting.create',
      'meeting.update',
      'account.write',
      'outcome.write',
      'bundle.import',
      'readout.draft',
      'readout.approve',
      'report.triage',
    ],
    analyst: ['issue.create', 'issue.update', 'account.write', 'outcome.write', 'report.triage'],
    'public-affairs': ['readout.draft', 'readout.publish'],
    reporter: [],
  };
  const names: Record<string, string> = { us: 'U.S.', cn: 'China' };
  return {
    user: {
      id: `00000000-0000-4000-9000-00000000000${side === 'us' ? 1 : 2}`,
      email: `${side}-${role}@demo.parley.invalid`,
      displayName: `${names[side]} ${role} (demo)`,
      side,
      role,
      disabled: false,
      createdAt: stamp,
    },
    via: 'session',
    scope: 'write',
    csrfToken: `csrf-${side}-${role}`,
    permissions: permissions[role],
  };
}

/** GET /api/v1/demo/users on a demo installation: one user per role and side. */
export const demoUsers: DemoUserT[] = (['cn', 'us'] as const).flatMap((side) =>
  ROLES.map((role) => ({ email: `${side}-${role}@demo.parley.invalid`, side, role })),
);
