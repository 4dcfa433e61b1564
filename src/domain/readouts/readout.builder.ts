/**
 * buildReadout: from the records of one meeting to a readout document, in one
 * language, worded with the project's own sentence templates. A pure function:
 * the service loads the records (through the viewer's eyes) and renderers lay
 * the document out.
 *
 * Rules kept here:
 * - What the record lacks is left out, never invented: no place, no sentence
 *   about the place; no mandate, no mandate sentence.
 * - A text missing in the wanted language falls back to the other one and is
 *   marked (Run.fallbackFrom), so that it cannot be published unnoticed.
 * - The side's own people and delegation come first; the other sides follow
 *   in the dialogue's order.
 */
import { ConflictError, NotFoundError } from '../errors.js';
import type { AccountFields, DialogueFields, IssueFields, MeetingFields, Person, Principle, Side } from '../records.js';
import { OUTCOME_KINDS, type OutcomeKind, type Stance } from '../vocabulary.js';
import {
  capitalize,
  formatDate,
  formatDateRange,
  inline,
  joinList,
  levelMeeting,
  mapFirst,
  midSentence,
  ordinal,
  period,
  pickRun,
  placeInline,
  plain,
  sideDelegation,
  sideShortName,
  theForum,
  withThe,
  withoutFinalStop,
  type Piece,
} from './readout.language.js';
import {
  JOINT,
  type AboutSection,
  type ContactSection,
  type Inline,
  type OutcomeGroup,
  type ReadoutDocument,
  type ReadoutLanguage,
} from './readout.model.js';

export interface ReadoutInput {
  dialogue: DialogueFields;
  meeting: MeetingFields;
  /**
   * Every account of the meeting the caller may see: the readout is built
   * from one of them, and the others tell which principles apply (an issue
   * the other side raised on a topic this side will not negotiate).
   */
  accounts: AccountFields[];
  /** The issues those accounts raise, as far as the caller may see them. */
  issues: Pick<IssueFields, 'key' | 'title' | 'topics'>[];
}

export interface ReadoutOptions {
  /** A side key of the dialogue, or `joint` for the joint statement. */
  side: string;
  lang: ReadoutLanguage;
}

const OUTCOME_HEADINGS: Record<OutcomeKind, Record<ReadoutLanguage, string>> = {
  'cooperation-area': { en: 'Areas of cooperation', zh: '合作领域' },
  commitment: { en: 'Commitments', zh: '承诺事项' },
  action: { en: 'Actions', zh: '行动' },
  exchange: { en: 'Exchanges', zh: '交流' },
  event: { en: 'Events', zh: '活动' },
};

/** Stance → how the sentence says it. Chinese wraps the list: 就…问题表达关切, 反对…, 对…表示欢迎. */
const STANCE_WORDS: Record<Stance, { en: string; zhBefore: string; zhAfter: string; zhIssue: boolean }> = {
  raised: { en: 'raised', zhBefore: '提出了', zhAfter: '', zhIssue: true },
  concern: { en: 'expressed concern about', zhBefore: '就', zhAfter: '表达关切', zhIssue: true },
  'strong-concern': { en: 'raised strong concerns regarding', zhBefore: '就', zhAfter: '表达严重关切', zhIssue: true },
  opposes: { en: 'opposed', zhBefore: '反对', zhAfter: '', zhIssue: false },
  welcomes: { en: 'welcomed', zhBefore: '对', zhAfter: '表示欢迎', zhIssue: false },
};

/** How a principle is restated, by its kind. */
const PRINCIPLE_VERBS: Record<Principle['kind'], Record<ReadoutLanguage, string>> = {
  'non-negotiable': { en: 'made clear that', zh: '明确表示，' },
  priority: { en: 'underlined that', zh: '强调，' },
  other: { en: 'noted that', zh: '指出，' },
};

/** The common noun a dialogue's name ends with, for the second mention ("the working group", "该工作组"). */
const NOUNS: { en: RegExp; enNoun: string; zh: RegExp; zhNoun: string }[] = [
  { en: /working group$/i, enNoun: 'working group', zh: /工作组$/, zhNoun: '该工作组' },
  { en: /commission$/i, enNoun: 'commission', zh: /委员会$/, zhNoun: '该委员会' },
  { en: /committee$/i, enNoun: 'committee', zh: /委员会$/, zhNoun: '该委员会' },
  { en: /forum$/i, enNoun: 'forum', zh: /论坛$/, zhNoun: '该论坛' },
  { en: /council$/i, enNoun: 'council', zh: /理事会$/, zhNoun: '该理事会' },
  { en: /dialogue$/i, enNoun: 'dialogue', zh: /对话$/, zhNoun: '该对话' },
];

/**
 * Builds one side's readout (or the joint statement's) of one meeting.
 *
 * @throws NotFoundError when `side` is not a side of the dialogue.
 * @throws ConflictError `no-account` when that side has no account of the
 *   meeting on record (or none the caller may see): a readout says what the
 *   record says, so without an account there is nothing to say.
 */
export function buildReadout(input: ReadoutInput, options: ReadoutOptions): ReadoutDocument {
  const { dialogue: d, meeting: m } = input;
  const lang = options.lang;
  const en = lang === 'en';
  const sideKey = options.side === JOINT ? null : options.side;
  const side = sideKey === null ? undefined : d.sides.find((s) => s.key === sideKey);
  if (sideKey !== null && !side) throw new NotFoundError('side', `${d.key}/${sideKey}`);

  const account = input.accounts.find((a) => a.side === sideKey);
  if (!account) {
    const on = input.accounts.map((a) => a.side ?? JOINT);
    const whose = sideKey === null ? 'no joint statement' : `no account by the side "${sideKey}"`;
    throw new ConflictError(
      'no-account',
      `Meeting ${m.number} of "${d.key}" has ${whose} on record, so there is no readout to write. ` +
        (on.length ? `Accounts on record: ${on.join(', ')}.` : 'It has no account at all yet.'),
      { dialogue: d.key, meeting: m.number, side: sideKey ?? JOINT, accounts: on },
    );
  }

  const t = (text: Parameters<typeof pickRun>[0]) => pickRun(text, lang);
  const sideOf = (key: string): Side | undefined => d.sides.find((s) => s.key === key);
  const personOf = (key: string): Person | undefined => d.people.find((p) => p.key === key);
  const sideOrder = (key: string) => (key === sideKey ? -1 : d.sides.findIndex((s) => s.key === key));
  const ownFirst = <T>(items: T[], keyOf: (item: T) => string | undefined) =>
    items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => sideOrder(keyOf(a.item) ?? '') - sideOrder(keyOf(b.item) ?? '') || a.i - b.i)
      .map(({ item }) => item);
  const homeCountry = side?.country;
  const sideCount = d.sides.length;

  /** A side as the subject or object of a sentence: "the United States", "美方", else its agency. */
  const sideName = (key: string): Inline => {
    const s = sideOf(key);
    if (!s) return inline(key);
    const short = sideShortName(s.country, lang);
    if (short) return inline(short);
    const agency = inline(t(s.agency));
    return en ? withThe(agency) : agency;
  };
  const delegationOf = (key: string): Inline => {
    const s = sideOf(key);
    const named = s ? sideDelegation(s.country, lang) : undefined;
    if (named) return inline(named);
    const agency = s ? inline(t(s.agency)) : inline(key);
    return en ? inline('the delegation of ', withThe(agency)) : inline(agency, '代表团');
  };

  // People: full name and title at first mention, the name alone afterwards.
  const mentioned = new Set<string>();
  const personFull = (p: Person): Inline => {
    mentioned.add(p.key);
    return en ? inline(t(p.name), ', ', t(p.title)) : inline(t(p.title), t(p.name));
  };
  const personRef = (p: Person): Inline => (mentioned.has(p.key) ? inline(t(p.name)) : personFull(p));

  const names = d.names;
  const nameText =
    (sideKey !== null ? names.find((n) => n.side === sideKey) : undefined) ??
    names.find((n) => n.side === null) ??
    names[0];
  const dialogueName = inline(t(nameText?.text));
  const enName = plain(inline(pickRun(nameText?.text, 'en')));
  const zhName = plain(inline(pickRun(nameText?.text, 'zh')));
  const noun = NOUNS.find((n) => (en ? n.en.test(enName) : n.zh.test(zhName)));
  const secondMention = en ? `the ${noun?.enNoun ?? 'dialogue'}` : (noun?.zhNoun ?? '该机制');

  const ord = ordinal(m.number, lang);
  const level = levelMeeting(d.level, lang);
  const dates = formatDateRange(m.date, m.endDate, lang);
  const place = m.place ? placeInline(m.place, lang, homeCountry) : undefined;

  // Headline.
  let headline: Inline;
  if (en) {
    headline =
      sideKey === null
        ? inline(
            `Joint Statement on the ${capitalize(ord)} ${levelMeeting(d.level, lang, true)} of `,
            theForum(dialogueName),
          )
        : inline(dialogueName, ` Holds ${capitalize(ord)} ${levelMeeting(d.level, lang, true)}`);
  } else {
    headline =
      sideKey === null ? inline(dialogueName, ord, level, '联合声明') : inline(dialogueName, '举行', ord, level);
  }

  const dateline = en ? mapFirst(inline(place, place && ', ', dates), capitalize) : inline(place, place && '，', dates);

  const paragraphs: Inline[] = [];

  // Who met, where and when.
  const chairs = ownFirst(
    m.chairs.map(personOf).filter((p): p is Person => p !== undefined),
    (p) => p.side,
  );
  const how = (() => {
    if (en) {
      if (m.format === 'video') return inline(' by video conference');
      if (m.format === 'call') return inline(' by telephone');
      if (m.format === 'hybrid')
        return place ? inline(' in ', place, ' and by video link') : inline(' in person and by video link');
      return place ? inline(' in ', place) : [];
    }
    if (m.format === 'video') return inline('以视频方式');
    if (m.format === 'call') return inline('以电话方式');
    if (m.format === 'hybrid') return inline(place ? inline('在', place) : '', '以线上线下相结合方式');
    return place ? inline('在', place) : [];
  })();
  const theMeeting = en ? inline(`the ${ord} ${level} of `, theForum(dialogueName)) : inline(dialogueName, ord, level);
  if (en) {
    if (chairs.length > 0) {
      paragraphs.push(
        period(
          inline(
            `On ${dates}, `,
            joinList(chairs.map(personFull), lang),
            chairs.length > 1 ? ', co-chaired ' : ', chaired ',
            theMeeting,
            how,
          ),
        ),
      );
    } else {
      paragraphs.push(
        mapFirst(
          inline(theMeeting, ' was held', how, plain(how).includes(',') ? ',' : '', ` on ${dates}.`),
          capitalize,
        ),
      );
    }
  } else if (chairs.length > 0) {
    paragraphs.push(
      inline(
        `${dates}，`,
        joinList(chairs.map(personFull), lang, { zhAnd: '与' }),
        how,
        chairs.length > 1 ? '共同主持召开' : '主持召开',
        theMeeting,
        '。',
      ),
    );
  } else {
    paragraphs.push(inline(theMeeting, `于${dates}`, how, '举行。'));
  }

  // The delegations: the agencies of the sides that took part (chairs, participants, host), else all sides.
  const present = new Set<string>([
    ...chairs.map((p) => p.side),
    ...m.participants.map((p) => p.side),
    ...(m.host ? [m.host] : []),
  ]);
  const delegationSides = ownFirst(
    d.sides.filter((s) => present.size === 0 || present.has(s.key)),
    (s) => s.key,
  );
  const agencies = delegationSides.map((s) => inline(t(s.agency)));
  const delegationSentence: Inline = en
    ? period(
        inline(
          agencies.length > 1 ? 'The delegations came from ' : 'The delegation came from ',
          joinList(agencies.map(withThe), lang, { repeat: 'from' }),
        ),
      )
    : inline(joinList(agencies, lang), '代表团出席会议。');
  // Participants recorded beyond the agency itself (officials, other agencies).
  const extra: Inline[] = [];
  for (const s of delegationSides) {
    const agency = plain(inline(t(s.agency)));
    const others = m.participants
      .filter((p) => p.side === s.key)
      .map((p) => inline(t(p.text)))
      .filter((p) => plain(p) !== agency);
    if (others.length === 0) continue;
    extra.push(
      en
        ? period(inline(mapFirst(delegationOf(s.key), capitalize), ' also included ', joinList(others, lang)))
        : inline(delegationOf(s.key), '成员还包括', joinList(others, lang), '。'),
    );
  }
  paragraphs.push(inline(delegationSentence, ...extra.map((e) => (en ? inline(' ', e) : e))));

  // When, where and by whom the dialogue was established, and its mandate.
  const est = d.established;
  const mandate = t(d.mandate);
  if (est || mandate) {
    const pieces: Piece[] = [];
    if (est) {
      const by = ownFirst(
        est.by.map(personOf).filter((p): p is Person => p !== undefined),
        (p) => p.side,
      );
      const estPlace = est.place ? placeInline(est.place, lang, homeCountry) : undefined;
      const occasion = t(est.occasion);
      if (en) {
        const occasionText = occasion ? occasion.text : '';
        pieces.push(
          capitalize(secondMention),
          ' was established',
          estPlace && inline(' in ', estPlace, plain(estPlace).includes(',') ? ',' : ''),
          ` on ${formatDate(est.date, lang)}`,
          by.length > 0 && inline(', by ', joinList(by.map(personRef), lang)),
          occasion && (/^(during|at|on|in|while)\s/i.test(occasionText) ? ', ' : ', during '),
          occasion,
        );
        pieces.splice(0, pieces.length, period(inline(...pieces)));
      } else {
        const during = occasion ? (/期间$/.test(occasion.text) ? [occasion] : [occasion, '期间']) : [];
        pieces.push(
          `${formatDate(est.date, lang)}，`,
          by.length > 0 && joinList(by.map(personRef), lang, { zhAnd: '与' }),
          occasion && inline('在', ...during),
          estPlace && inline(occasion ? '于' : '在', estPlace),
          `商定设立${secondMention}`,
          mandate ? '，旨在' : '。',
        );
      }
    }
    if (mandate) {
      if (en) pieces.push(est ? ' Its mandate: ' : `The mandate of ${secondMention}: `, mandate);
      else pieces.push(est ? '' : `${secondMention}旨在`, withoutFinalStop([mandate]), '。');
    }
    paragraphs.push(inline(...pieces));
  }

  // The exchange of views and what each side raised, worded by stance.
  const issueOf = (key: string) => input.issues.find((i) => i.key === key);
  const raisings = account.raised.filter((r) => issueOf(r.issue) !== undefined);
  const subjectOf = (bySide: string): Inline => {
    const chair = chairs.find((p) => p.side === bySide);
    if (chair && sideKey !== null) return personRef(chair);
    const name = sideName(bySide);
    return en ? mapFirst(name, capitalize) : name;
  };
  if (raisings.length > 0) {
    const both = sideCount === 2;
    paragraphs.push(
      en
        ? inline(both ? 'The two sides' : 'The sides', ' exchanged views on issues of concern to each side.')
        : inline(both ? '双方' : '各方', '就各自关注的问题交换了意见。'),
    );
    const bySides = ownFirst([...new Set(raisings.map((r) => r.by))], (s) => s);
    for (const by of bySides) {
      const mine = raisings.filter((r) => r.by === by);
      const stances = [...new Set(mine.map((r) => r.stance))];
      const clauses = stances.map((stance) => {
        const titles = mine
          .filter((r) => r.stance === stance)
          .map((r) => inline(t(issueOf(r.issue)!.title)))
          .map((i) => (en ? midSentence(i) : i));
        const words = STANCE_WORDS[stance];
        if (en) return inline(`${words.en} `, joinList(titles, lang));
        const list = joinList(titles, lang);
        const suffix = words.zhIssue && !/问题$/.test(plain(list)) ? '问题' : '';
        return inline(words.zhBefore, list, suffix, words.zhAfter);
      });
      const subject = subjectOf(by);
      if (en) {
        const body =
          clauses.length === 1
            ? clauses[0]!
            : clauses.length === 2
              ? inline(clauses[0]!, ', and ', clauses[1]!)
              : inline(...clauses.slice(0, -1).map((c) => inline(c, ', ')), 'and ', clauses[clauses.length - 1]!);
        paragraphs.push(period(inline(subject, ' ', body)));
      } else {
        const body = clauses.flatMap((c, i) => (i === 0 ? c : inline('，', i === clauses.length - 1 ? '并' : '', c)));
        paragraphs.push(inline(subject, body, '。'));
      }
    }
  }

  // The side's standing positions, where the meeting touched them.
  if (sideKey !== null) {
    const raisedAtMeeting = input.accounts.flatMap((a) => a.raised);
    const topicsRaisedBy = (pred: (by: string) => boolean) =>
      new Set(raisedAtMeeting.filter((r) => pred(r.by)).flatMap((r) => issueOf(r.issue)?.topics ?? []));
    const byOthers = topicsRaisedBy((by) => by !== sideKey);
    const byThisSide = topicsRaisedBy((by) => by === sideKey);
    const applicable = d.principles.filter(
      (p) =>
        p.side === sideKey &&
        (p.kind === 'non-negotiable' ? byOthers.has(p.topic) : byThisSide.has(p.topic) || byOthers.has(p.topic)),
    );
    // The same speaker right after what they raised: "also" / "还", so the name does not simply repeat.
    let also = raisings.some((r) => r.by === sideKey);
    for (const p of applicable) {
      const text = t(p.text);
      if (!text) continue;
      const subject = inline(subjectOf(sideKey), also ? (en ? ' also' : '还') : '');
      also = true;
      if (en) {
        const embeddable = !text.fallbackFrom && /^(The|A|An|This|These|There)\s/.test(text.text);
        paragraphs.push(
          embeddable
            ? inline(
                subject,
                ` ${PRINCIPLE_VERBS[p.kind].en} `,
                mapFirst([text], (s) => s.charAt(0).toLowerCase() + s.slice(1)),
              )
            : inline(subject, ' restated a standing position of ', sideName(sideKey), ': ', text),
        );
      } else {
        paragraphs.push(inline(subject, PRINCIPLE_VERBS[p.kind].zh, text));
      }
    }
  }

  // Outcomes, grouped by kind in the vocabulary's order.
  const allSides = d.sides.map((s) => s.key);
  const outcomes: OutcomeGroup[] = [];
  for (const kind of OUTCOME_KINDS) {
    const items = account.outcomes
      .filter((o) => o.kind === kind)
      .map((o) => {
        const title = inline(t(o.title));
        const owners = o.owners.length > 0 && !allSides.every((s) => o.owners.includes(s)) ? o.owners : [];
        const lead = owners.length > 0 ? joinList(owners.map(sideName), lang) : undefined;
        const due = o.due ? formatDate(o.due, lang) : undefined;
        if (en) {
          const extras = [lead && inline('lead: ', lead), due && inline(`due ${due}`)].filter((x): x is Inline => !!x);
          return inline(
            mapFirst(title, capitalize),
            extras.length > 0 && inline(' (', ...extras.flatMap((x, i) => (i === 0 ? x : inline('; ', x))), ')'),
          );
        }
        const extras = [lead && inline('牵头方：', lead), due && inline(`${due}前完成`)].filter(
          (x): x is Inline => !!x,
        );
        return inline(
          title,
          extras.length > 0 && inline('（', ...extras.flatMap((x, i) => (i === 0 ? x : inline('；', x))), '）'),
        );
      });
    if (items.length > 0) outcomes.push({ kind, heading: OUTCOME_HEADINGS[kind][lang], items });
  }

  const notesRun = t(account.notes);

  // The next meeting.
  let nextMeeting: Inline | undefined;
  const next = account.nextMeeting;
  if (next) {
    const when = t(next.when);
    const nextPlace = next.place ? placeInline(next.place, lang, homeCountry) : undefined;
    const leader = next.leadBy ? personOf(next.leadBy) : undefined;
    if (en) {
      const whenPhrase = when ? inline(' ', englishWhen(when.text, !!when.fallbackFrom), when) : [];
      nextMeeting = inline(
        'The next meeting will be held',
        nextPlace && inline(' in ', nextPlace, when && plain(nextPlace).includes(',') ? ',' : ''),
        whenPhrase,
        leader && inline(', with ', delegationOf(leader.side), ' led by ', personRef(leader)),
      );
      nextMeeting = period(nextMeeting);
    } else {
      nextMeeting = inline(
        '下次会议将',
        when && inline('于', when),
        nextPlace && inline('在', nextPlace),
        '举行',
        leader && inline('，', delegationOf(leader.side), '将由', personRef(leader), '率领'),
        '。',
      );
    }
  }

  // About and press contact: the side's, or every side's for a joint statement.
  const closingSides = sideKey === null ? d.sides : side ? [side] : [];
  const about: AboutSection[] = [];
  const contacts: ContactSection[] = [];
  for (const s of closingSides) {
    const agency = inline(t(s.agency));
    const aboutText = t(s.about);
    if (aboutText) {
      about.push({
        side: s.key,
        heading: en ? inline('About ', withThe(agency)) : inline('关于', agency),
        text: [aboutText],
      });
    }
    const pc = s.pressContact;
    if (pc) {
      const lines: Inline[] = [inline(t(pc.office))];
      if (pc.email) lines.push(inline(en ? 'Email: ' : '电子邮件：', pc.email));
      if (pc.phone) lines.push(inline(en ? 'Phone: ' : '电话：', pc.phone));
      const heading = en ? 'Media contact' : '媒体联络';
      contacts.push({
        side: s.key,
        heading: closingSides.length > 1 ? inline(heading, en ? ': ' : '：', agency) : inline(heading),
        lines: lines.filter((l) => l.length > 0),
      });
    }
  }

  const doc: ReadoutDocument = {
    lang,
    side: sideKey,
    dialogue: d.key,
    meeting: m.number,
    headline,
    dateline,
    paragraphs: paragraphs.filter((p) => p.length > 0),
    outcomes,
    endMark: en ? '###' : '（完）',
    about,
    contacts,
    fallbackMarks: {},
  };
  if (outcomes.length > 0) {
    doc.outcomesIntro = inline(en ? 'The meeting produced the following outcomes:' : '会议取得以下成果：');
  }
  if (notesRun) doc.notes = [notesRun];
  if (nextMeeting) doc.nextMeeting = nextMeeting;

  const used = new Set(
    [
      doc.headline,
      doc.dateline,
      ...doc.paragraphs,
      ...doc.outcomes.flatMap((g) => g.items),
      doc.notes ?? [],
      doc.nextMeeting ?? [],
      ...doc.about.flatMap((a) => [a.heading, a.text]),
      ...doc.contacts.flatMap((c) => [c.heading, ...c.lines]),
    ]
      .flat()
      .map((r) => r.fallbackFrom)
      .filter((x): x is string => x !== undefined),
  );
  for (const tag of used) doc.fallbackMarks[tag] = fallbackMark(tag, lang);
  if (used.size > 0) {
    const marks = [...used].map((tag) => doc.fallbackMarks[tag]).join(en ? ', ' : '、');
    doc.fallbackNotice = en
      ? `Draft note: some texts are not on record in English yet; they are shown as recorded and marked ${marks}.`
      : `草稿提示：部分内容尚无中文记录，按原文显示并标注${marks}。`;
  }
  return doc;
}

/** The marker after a fallback run: "[Chinese]" in English, "〔英文〕" in Chinese. */
function fallbackMark(tag: string, lang: ReadoutLanguage): string {
  if (lang === 'en') return tag === 'zh' ? '[Chinese]' : `[${tag}]`;
  return tag === 'en' ? '〔英文〕' : `〔${tag}〕`;
}

/**
 * The preposition a "when" text needs after "will be held": "later this
 * year" and "in May" stand alone; "second half of 2024" needs "in the",
 * "2025" and "spring 2025" need "in".
 */
function englishWhen(when: string, fallback: boolean): string {
  if (fallback) return '';
  if (
    /^(in|on|at|by|before|after|during|later|early|soon|next|this|within|around|toward|towards|no later)\b/i.test(when)
  )
    return '';
  if (/^(first|second|third|fourth|last|latter|middle|end|beginning|start)\b/i.test(when)) return 'in the ';
  return 'in ';
}
