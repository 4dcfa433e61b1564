/**
 * The rules a dialogue's records keep across records: references by key,
 * uniqueness, and the domain's own rules (an in-person meeting has a place, a
 * meeting number is unique in its dialogue, an account belongs to a side of the
 * dialogue or is joint, an issue's respondent is another side...). Bundle import
 * checks them before writing; later write paths check the same.
 */
import type { Problem } from '../errors.js';
import type { BundleMeeting, DialogueFields, ExistingKeys, IssueFields } from '../records.js';
import { FORMATS_WITH_PLACE } from '../vocabulary.js';
import { pointer } from '../../shared/json-pointer.js';
import { closest, listForMessage } from '../../shared/suggest.js';

/** The records to check: an issue's owner may still be absent (it defaults to raisedBy). */
export interface DialogueRecords {
  dialogue: DialogueFields;
  issues: (Omit<IssueFields, 'owner'> & { owner?: string })[];
  meetings: BundleMeeting[];
}

/**
 * How an account is named in messages and in ExistingKeys.outcomes: "meeting/side",
 * or "meeting/(joint statement)", which no side key can spell.
 */
export function accountLabel(meetingKey: string, side: string | null): string {
  return `${meetingKey}/${side ?? '(joint statement)'}`;
}

function unknownRef(kind: string, value: string, known: string[]): string {
  const guess = closest(value, known);
  return `unknown ${kind} key "${value}"${guess ? ` (did you mean "${guess}"?` : ' ('}known: ${known.length ? listForMessage(known) : 'none'})`;
}

/**
 * Every problem across the records, each with the JSON Pointer of the value at
 * fault. `existing` holds what is already on file for the dialogue, so that
 * records may refer to keys they do not repeat.
 */
export function checkDialogueRecords(b: DialogueRecords, existing: ExistingKeys): Problem[] {
  const problems: Problem[] = [];
  const add = (path: readonly PropertyKey[], message: string) => problems.push({ pointer: pointer(path), message });

  const d = b.dialogue;
  const uniq = (items: readonly string[], path: (i: number) => PropertyKey[], what: string) => {
    const seen = new Map<string, number>();
    items.forEach((k, i) => {
      const first = seen.get(k);
      if (first !== undefined) add(path(i), `duplicate ${what} "${k}" (first at index ${first})`);
      else seen.set(k, i);
    });
  };

  // Keys defined by this bundle, merged with those already on file.
  const sideKeys = [...new Set([...d.sides.map((s) => s.key), ...existing.sides])];
  const personKeys = [...new Set([...d.people.map((p) => p.key), ...existing.people])];
  const issueKeys = [...new Set([...b.issues.map((i) => i.key), ...existing.issues])];
  // Sets for the look-ups: a bundle with many raisings would otherwise scan the key lists once per reference.
  const sideSet = new Set(sideKeys);
  const personSet = new Set(personKeys);
  const issueSet = new Set(issueKeys);

  const checkSide = (path: PropertyKey[], value: string) => {
    if (!sideSet.has(value)) add(path, unknownRef('side', value, sideKeys));
  };
  const checkPerson = (path: PropertyKey[], value: string) => {
    if (!personSet.has(value)) add(path, unknownRef('person', value, personKeys));
  };

  uniq(
    d.sides.map((s) => s.key),
    (i) => ['dialogue', 'sides', i, 'key'],
    'side key',
  );
  uniq(
    d.people.map((p) => p.key),
    (i) => ['dialogue', 'people', i, 'key'],
    'person key',
  );
  uniq(
    d.names.map((n) => n.side ?? '(neutral)'),
    (i) => ['dialogue', 'names', i, 'side'],
    'name for side',
  );
  uniq(
    d.principles.map((p) => `${p.side}/${p.kind}/${p.topic}`),
    (i) => ['dialogue', 'principles', i],
    'principle (side/kind/topic)',
  );
  d.names.forEach((n, i) => n.side !== null && checkSide(['dialogue', 'names', i, 'side'], n.side));
  d.established?.by.forEach((p, i) => checkPerson(['dialogue', 'established', 'by', i], p));
  d.people.forEach((p, i) => checkSide(['dialogue', 'people', i, 'side'], p.side));
  d.principles.forEach((p, i) => checkSide(['dialogue', 'principles', i, 'side'], p.side));

  uniq(
    b.issues.map((i) => i.key),
    (i) => ['issues', i, 'key'],
    'issue key',
  );
  b.issues.forEach((issue, i) => {
    checkSide(['issues', i, 'raisedBy'], issue.raisedBy);
    checkSide(['issues', i, 'respondent'], issue.respondent);
    if (issue.raisedBy === issue.respondent) {
      add(
        ['issues', i, 'respondent'],
        `the respondent must be another side than the one raising the issue ("${issue.raisedBy}")`,
      );
    }
    if (issue.owner !== undefined) checkSide(['issues', i, 'owner'], issue.owner);
  });

  uniq(
    b.meetings.map((m) => m.key),
    (i) => ['meetings', i, 'key'],
    'meeting key',
  );
  uniq(
    b.meetings.map((m) => String(m.number)),
    (i) => ['meetings', i, 'number'],
    'meeting number',
  );
  const bundleMeetingKeys = new Set(b.meetings.map((m) => m.key));
  const outcomeOwners = new Map<string, string>();
  b.meetings.forEach((m, mi) => {
    for (const [otherKey, otherNumber] of existing.meetings) {
      if (otherNumber === m.number && otherKey !== m.key && !bundleMeetingKeys.has(otherKey)) {
        add(['meetings', mi, 'number'], `meeting number ${m.number} is already meeting "${otherKey}" of this dialogue`);
      }
    }
    if (FORMATS_WITH_PLACE.includes(m.format) && !m.place) {
      add(['meetings', mi, 'place'], `a place is required for a meeting held ${m.format}`);
    }
    if (m.endDate !== undefined && m.endDate < m.date) {
      add(['meetings', mi, 'endDate'], `the end date ${m.endDate} is before the first day ${m.date}`);
    }
    if (m.host !== undefined) checkSide(['meetings', mi, 'host'], m.host);
    m.chairs.forEach((c, i) => checkPerson(['meetings', mi, 'chairs', i], c));
    m.participants.forEach((p, i) => checkSide(['meetings', mi, 'participants', i, 'side'], p.side));
    uniq(
      m.accounts.map((a) => a.side ?? '(joint)'),
      (i) => ['meetings', mi, 'accounts', i, 'side'],
      'account for side',
    );
    m.accounts.forEach((a, ai) => {
      const at: PropertyKey[] = ['meetings', mi, 'accounts', ai];
      if (a.side !== null) checkSide([...at, 'side'], a.side);
      uniq(
        a.raised.map((r) => `${r.by}/${r.issue}`),
        (i) => [...at, 'raised', i],
        'raising (by/issue)',
      );
      a.raised.forEach((r, ri) => {
        checkSide([...at, 'raised', ri, 'by'], r.by);
        if (!issueSet.has(r.issue)) add([...at, 'raised', ri, 'issue'], unknownRef('issue', r.issue, issueKeys));
      });
      const accountRef = accountLabel(m.key, a.side);
      a.outcomes.forEach((o, oi) => {
        const firstHere = outcomeOwners.get(o.key);
        if (firstHere !== undefined) {
          add(
            [...at, 'outcomes', oi, 'key'],
            `duplicate outcome key "${o.key}" (outcome keys are unique in the whole dialogue; already in ${firstHere})`,
          );
        } else {
          outcomeOwners.set(o.key, accountRef);
          const onFile = existing.outcomes.get(o.key);
          if (onFile !== undefined && onFile !== accountRef) {
            add([...at, 'outcomes', oi, 'key'], `outcome key "${o.key}" already belongs to the account ${onFile}`);
          }
        }
        o.owners.forEach((s, si) => checkSide([...at, 'outcomes', oi, 'owners', si], s));
      });
      const next = a.nextMeeting;
      if (next) {
        if (next.leadBy !== undefined) checkPerson([...at, 'nextMeeting', 'leadBy'], next.leadBy);
        if (next.earliest !== undefined && next.latest !== undefined && next.latest < next.earliest) {
          add(
            [...at, 'nextMeeting', 'latest'],
            `the latest date ${next.latest} is before the earliest ${next.earliest}`,
          );
        }
      }
    });
  });

  return problems;
}
