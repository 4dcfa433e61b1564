/**
 * The data of the search benchmark (bench/search.ts): issues, meetings with
 * their accounts, raisings and outcomes, and problem reports, generated from a
 * seeded PRNG so that one seed gives the same records, in English and Chinese.
 *
 * Records come out as plain rows (ready for bulk inserts) and as the sources
 * of their search documents (src/storage/search.documents.ts), in chunks, so
 * that a million reports never sit in memory at once.
 */
import { createHash } from 'node:crypto';
import type { Text } from '../src/domain/text.js';
import type { IssueSource, ReportSource } from '../src/storage/search.documents.js';
import { Rng } from './generate.js';

export type Side = 'us' | 'cn';
const OTHER: Record<Side, Side> = { us: 'cn', cn: 'us' };
const COUNTRY: Record<Side, string> = { us: 'US', cn: 'CN' };

interface Topic {
  en: string;
  zh: string;
  category: string;
  sector: Text;
  hs: readonly string[];
}

const S = {
  agri: { en: 'Agriculture', zh: '农业' },
  autos: { en: 'Automotive', zh: '汽车' },
  chem: { en: 'Chemicals', zh: '化工' },
  consumer: { en: 'Consumer goods', zh: '消费品' },
  energy: { en: 'Energy', zh: '能源' },
  finance: { en: 'Financial services', zh: '金融服务' },
  health: { en: 'Healthcare', zh: '医疗卫生' },
  ict: { en: 'Information and communication technology', zh: '信息通信技术' },
  logistics: { en: 'Logistics', zh: '物流' },
  machinery: { en: 'Machinery', zh: '机械' },
  metals: { en: 'Steel and aluminum', zh: '钢铁和铝' },
  pharma: { en: 'Pharmaceuticals', zh: '药品' },
  semis: { en: 'Semiconductors', zh: '半导体' },
  travel: { en: 'Travel and tourism', zh: '旅游' },
} satisfies Record<string, Text>;

const topic = (en: string, zh: string, category: string, sector: Text, hs: readonly string[] = []): Topic => ({
  en,
  zh,
  category,
  sector,
  hs,
});

/** What reports and issues are about: a few per category, each with its sector and HS codes. */
export const TOPICS: readonly Topic[] = [
  topic('section 301 tariffs', '301条款关税', 'tariffs', S.machinery, ['8471', '847130', '85']),
  topic('retaliatory tariffs', '反制关税', 'tariffs', S.agri, ['1201', '0203']),
  topic('tariff exclusions', '关税排除', 'tariffs', S.machinery, ['8486', '9027']),
  topic('anti-dumping duties', '反倾销税', 'trade-remedies', S.metals, ['7208', '7601']),
  topic('countervailing duties', '反补贴税', 'trade-remedies', S.energy, ['854143', '7604']),
  topic('safeguard measures', '保障措施', 'trade-remedies', S.machinery, ['8450']),
  topic('import licensing', '进口许可', 'import-policies', S.consumer, ['3304', '2204']),
  topic('import quotas', '进口配额', 'import-policies', S.agri, ['1001', '1006']),
  topic('customs clearance', '清关', 'customs', S.logistics, ['8517', '6110']),
  topic('rules of origin', '原产地规则', 'customs', S.consumer, ['6403', '9403']),
  topic('customs valuation', '海关估价', 'customs', S.consumer, ['4202', '9102']),
  topic('medical devices', '医疗器械', 'technical-barriers', S.health, ['9018', '901890', '9022']),
  topic('cosmetics registration', '化妆品注册', 'technical-barriers', S.consumer, ['3304', '330499']),
  topic('cybersecurity certification', '网络安全认证', 'technical-barriers', S.ict, ['8517', '851713']),
  topic('testing and certification', '检测认证', 'technical-barriers', S.machinery, ['9027', '9031']),
  topic('beef and pork', '牛肉和猪肉', 'sanitary-phytosanitary', S.agri, ['0201', '0203']),
  topic('inspection and quarantine', '检验检疫', 'sanitary-phytosanitary', S.agri, ['0808', '0810']),
  topic('aquatic products', '水产品', 'sanitary-phytosanitary', S.agri, ['0306', '030617']),
  topic('government procurement', '政府采购', 'government-procurement', S.ict, ['8471', '847130']),
  topic('hospital procurement', '医院采购', 'government-procurement', S.health, ['9018', '3004']),
  topic('trade secrets', '商业秘密', 'intellectual-property', S.machinery),
  topic('patent enforcement', '专利执法', 'intellectual-property', S.pharma, ['3004', '300490']),
  topic('counterfeit goods', '假冒商品', 'intellectual-property', S.consumer, ['4202', '6403']),
  topic('cloud computing services', '云计算服务', 'services', S.ict),
  topic('financial services licences', '金融服务牌照', 'services', S.finance),
  topic('express delivery services', '快递服务', 'services', S.logistics),
  topic('cross-border data flows', '跨境数据流动', 'digital-trade', S.ict),
  topic('data security reviews', '数据安全审查', 'digital-trade', S.ict),
  topic('electronic payments', '电子支付', 'digital-trade', S.finance),
  topic('foreign investment reviews', '外商投资审查', 'investment', S.machinery),
  topic('joint venture requirements', '合资要求', 'investment', S.autos, ['8703']),
  topic('overcapacity', '产能过剩', 'industrial-policy', S.metals, ['72', '7208', '7601']),
  topic('industrial subsidies', '产业补贴', 'industrial-policy', S.energy, ['854143', '850760']),
  topic('legacy chips', '成熟制程芯片', 'industrial-policy', S.semis, ['8542', '854231']),
  topic('export controls', '出口管制', 'export-controls', S.semis, ['8486', '848620']),
  topic('entity list designations', '实体清单', 'export-controls', S.ict),
  topic('rare earth exports', '稀土出口', 'export-controls', S.chem, ['2805', '2846']),
  topic('regulatory transparency', '监管透明度', 'regulatory-transparency', S.machinery),
  topic('administrative licensing', '行政许可', 'regulatory-transparency', S.consumer),
  topic('antitrust investigations', '反垄断调查', 'competition', S.semis),
  topic('state-owned enterprises', '国有企业', 'competition', S.energy, ['2710']),
  topic('business visas', '商务签证', 'business-mobility', S.travel),
  topic('work permits', '工作许可', 'business-mobility', S.machinery),
  topic('trade fairs', '贸易展会', 'trade-promotion', S.consumer, ['2204']),
  topic('pharmaceutical approvals', '药品审批', 'technical-barriers', S.pharma, ['3004', '300490']),
  topic('electric vehicle standards', '电动汽车标准', 'technical-barriers', S.autos, ['870380', '8708']),
];

const REGIONS: Record<Side, readonly Text[]> = {
  // Where the measure applies: the respondent's places.
  us: [
    { en: 'Guangdong', zh: '广东' },
    { en: 'Shanghai', zh: '上海' },
    { en: 'Jiangsu', zh: '江苏' },
    { en: 'Zhejiang', zh: '浙江' },
    { en: 'Shandong', zh: '山东' },
    { en: 'Sichuan', zh: '四川' },
    { en: 'Tianjin', zh: '天津' },
  ],
  cn: [
    { en: 'California', zh: '加利福尼亚州' },
    { en: 'Texas', zh: '得克萨斯州' },
    { en: 'Illinois', zh: '伊利诺伊州' },
    { en: 'New York', zh: '纽约州' },
    { en: 'Ohio', zh: '俄亥俄州' },
    { en: 'Georgia', zh: '佐治亚州' },
  ],
};

/** Sentences of a report, in the reporter's language; {t} the topic, {r} the region, {n} a number. */
const REPORT_SENTENCES: Record<'en' | 'zh', readonly string[]> = {
  en: [
    'Our company has faced repeated delays because of {t} in {r}.',
    'Since last year the rules on {t} changed without notice or a comment period.',
    'Local officials in {r} apply {t} differently from the national rules.',
    'We estimate losses of about {n} million dollars a year linked to {t}.',
    'Competitors from the host country do not face the same requirements on {t}.',
    'Our shipments waited {n} days at the port while inspectors reviewed the documents.',
    'The approval process took more than {n} months and required a local partner.',
    'We were asked to disclose source code and customer data during the review.',
    'Several member companies of our association report the same problem.',
    'We ask the government to raise {t} at the next meeting of the working group.',
    'The fees charged for testing and certification rose sharply this year.',
    'Our distributor in {r} lost its licence after a surprise inspection.',
    'Written guidance on {t} would help small exporters plan their investments.',
    'The measure seems designed to favour domestic suppliers over foreign ones.',
  ],
  zh: [
    '由于{r}的{t}问题，我公司多次遭遇延误。',
    '自去年以来，有关{t}的规定在未事先通知、未征求意见的情况下发生变化。',
    '{r}地方官员执行{t}的做法与联邦规定不一致。',
    '我们估计因{t}每年损失约{n}百万美元。',
    '东道国本国竞争对手在{t}方面不受同样要求的约束。',
    '我们的货物在港口等待了{n}天，检查人员仍在审核单证。',
    '审批程序耗时超过{n}个月，并被要求寻找当地合作伙伴。',
    '审查过程中我们被要求披露源代码和客户数据。',
    '我会多家会员企业反映了同样的问题。',
    '希望政府在下次工作组会议上提出{t}问题。',
    '今年检测认证费用大幅上涨。',
    '我们在{r}的经销商在一次突击检查后被吊销许可证。',
    '有关{t}的书面指南将有助于中小出口企业规划投资。',
    '该措施似乎旨在偏袒本国供应商而非外国供应商。',
  ],
};

const COMPANY_WORDS: Record<'en' | 'zh', readonly string[]> = {
  en: [
    'Pacific',
    'Summit',
    'Harbor',
    'Granite',
    'Prairie',
    'Atlas',
    'Beacon',
    'Cedar',
    'Delta',
    'Evergreen',
    'Frontier',
    'Keystone',
    'Liberty',
    'Meridian',
    'Northwind',
    'Orchard',
  ],
  zh: [
    '华信',
    '东方',
    '长江',
    '海川',
    '金桥',
    '恒通',
    '瑞丰',
    '天成',
    '宏达',
    '新源',
    '中联',
    '远航',
    '嘉和',
    '博远',
    '鑫泰',
    '安泰',
  ],
};
const COMPANY_KINDS: Record<'en' | 'zh', readonly string[]> = {
  en: ['Industries', 'Technologies', 'Foods', 'Medical', 'Logistics', 'Instruments', 'Energy', 'Trading'],
  zh: [
    '科技有限公司',
    '食品有限公司',
    '医疗器械有限公司',
    '物流有限公司',
    '精密仪器有限公司',
    '能源有限公司',
    '贸易有限公司',
    '制造有限公司',
  ],
};

const ISSUE_FRAMES: readonly { en: (t: string, r: string) => string; zh: (t: string, r: string) => string }[] = [
  { en: (t) => cap(t), zh: (t) => t },
  { en: (t) => `Rules on ${t}`, zh: (t) => `${t}相关规定` },
  { en: (t, r) => `Local implementation of ${t} in ${r}`, zh: (t, r) => `${r}${t}地方执行情况` },
  { en: (t) => `Discriminatory treatment in ${t}`, zh: (t) => `${t}中的歧视性待遇` },
  { en: (t) => `Transparency of measures on ${t}`, zh: (t) => `${t}相关措施的透明度` },
];

const ISSUE_SUMMARIES: readonly { en: (t: string) => string; zh: (t: string) => string }[] = [
  {
    en: (t) => `Companies report that ${t} raise costs and create uncertainty for their operations.`,
    zh: (t) => `企业反映，${t}增加了经营成本并带来不确定性。`,
  },
  {
    en: (t) => `Firms ask for clear, published rules on ${t} applied consistently across agencies.`,
    zh: (t) => `企业希望${t}相关规则公开明确，并在各部门统一执行。`,
  },
  {
    en: (t) => `Industry associations have documented cases where ${t} delayed shipments by months.`,
    zh: (t) => `行业协会记录了因${t}导致货物延误数月的案例。`,
  },
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const ISSUE_STATUSES: readonly (readonly [string, number])[] = [
  ['open', 50],
  ['reported', 15],
  ['resolved-in-part', 10],
  ['resolved', 8],
  ['dormant', 10],
  ['withdrawn', 4],
  ['out-of-scope', 3],
];

export interface SearchBenchOptions {
  seed: number;
  issues: number;
  reports: number;
  meetings: number;
  /** Issues raised in each account (each meeting has a U.S. and a Chinese account). */
  raisings: number;
  outcomes: number;
}

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const between = (rng: Rng, from: string, to: string) =>
  Date.parse(from) + Math.floor(rng.next() * (Date.parse(to) - Date.parse(from)));

/** Deterministic UUID-shaped ids, so that two runs of one seed write the same rows. */
function idOf(kind: string, n: number, seed: number): string {
  const h = createHash('sha1').update(`${seed}:${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface IssueRow {
  id: string;
  dialogue_id: string;
  key: string;
  position: number;
  title: Text;
  summary: Text;
  raised_by: Side;
  respondent: Side;
  category: string;
  sectors: Text[];
  products: string[];
  economies: string[];
  status: string;
  owner_side: Side;
  visibility: 'public' | 'shared' | 'internal';
  created_at: string;
  updated_at: string;
}

export interface MeetingRow {
  id: string;
  dialogue_id: string;
  key: string;
  number: number;
  starts_on: string;
  format: string;
  host: Side;
  visibility: 'public' | 'shared';
  place: unknown;
}
export interface AccountRow {
  id: string;
  meeting_id: string;
  side_key: Side;
  position: number;
  published_on: string | null;
  owner_side: Side;
  visibility: 'public' | 'shared';
}
export interface RaisingRow {
  account_id: string;
  issue_id: string;
  by_side: Side;
  position: number;
  stance: string;
}
export interface OutcomeRow {
  id: string;
  dialogue_id: string;
  account_id: string;
  key: string;
  position: number;
  kind: string;
  title: Text;
  status: string;
  owner_side: Side;
  visibility: 'public' | 'shared';
}

export interface ReportRow {
  id: string;
  reference: string;
  side_key: Side;
  language: 'en' | 'zh';
  organisation: { name: string; kind: string };
  contact: { name: string; email: string };
  consent: { shareWithCounterpart: boolean; shareWithPublic: boolean };
  economy: string;
  region: string | null;
  sector: string | null;
  products: string[];
  category: string | null;
  description: string;
  impact: { tradeValue: number; currency: string; companiesAffected: number };
  status_token_hash: string;
  status: 'new' | 'merged' | 'rejected';
  issue_id: string | null;
  rejection: { reason: string } | null;
  created_at: string;
}

/** The dialogue, its meetings, accounts, raisings and outcomes, and the issues. */
export interface Skeleton {
  dialogueId: string;
  issues: IssueRow[];
  meetings: MeetingRow[];
  accounts: AccountRow[];
  raisings: RaisingRow[];
  outcomes: OutcomeRow[];
  /** Issue indexes by the side holding them and topic, for merging reports into a fitting issue. */
  held: Record<Side, number[][]>;
  topicOf: number[];
}

export function generateSkeleton(o: SearchBenchOptions): Skeleton {
  const rng = new Rng(`${o.seed}:skeleton`);
  const dialogueId = idOf('dialogue', 0, o.seed);
  const issues: IssueRow[] = [];
  const held: Record<Side, number[][]> = { us: TOPICS.map(() => []), cn: TOPICS.map(() => []) };
  const topicOf: number[] = [];
  for (let i = 0; i < o.issues; i++) {
    const t = i % TOPICS.length;
    const tp = TOPICS[t]!;
    const raisedBy: Side = rng.chance(0.55) ? 'us' : 'cn';
    const respondent = OTHER[raisedBy];
    const region = rng.pick(REGIONS[raisedBy]);
    const frame = rng.pick(ISSUE_FRAMES);
    const summary = rng.pick(ISSUE_SUMMARIES);
    const created = between(rng, '2021-01-01', '2025-10-01');
    const r = rng.next();
    const visibility = r < 0.6 ? 'public' : r < 0.85 ? 'shared' : 'internal';
    issues.push({
      id: idOf('issue', i, o.seed),
      dialogue_id: dialogueId,
      key: `issue-${i + 1}`,
      position: i,
      title: { en: frame.en(tp.en, region.en!), zh: frame.zh(tp.zh, region.zh!) },
      summary: { en: summary.en(tp.en), zh: summary.zh(tp.zh) },
      raised_by: raisedBy,
      respondent,
      category: tp.category,
      sectors: [tp.sector],
      products: rng.some(tp.hs, rng.int(0, 2)),
      economies: [COUNTRY[respondent]],
      status: rng.weighted(ISSUE_STATUSES),
      owner_side: raisedBy,
      visibility,
      created_at: iso(created),
      updated_at: iso(created + rng.int(0, 400) * DAY),
    });
    held[raisedBy][t]!.push(i);
    topicOf.push(t);
  }

  const meetings: MeetingRow[] = [];
  const accounts: AccountRow[] = [];
  const raisings: RaisingRow[] = [];
  const outcomes: OutcomeRow[] = [];
  let date = Date.parse('2016-04-04');
  for (let n = 1; n <= o.meetings; n++) {
    if (n > 1) date += rng.int(150, 210) * DAY;
    const host: Side = n % 2 === 1 ? 'us' : 'cn';
    // The last meetings' accounts are not published yet: shared between the delegations.
    const visibility = n <= o.meetings - 2 ? 'public' : 'shared';
    const meeting: MeetingRow = {
      id: idOf('meeting', n, o.seed),
      dialogue_id: dialogueId,
      key: `search-bench-${n}`,
      number: n,
      starts_on: iso(date).slice(0, 10),
      format: 'video',
      host,
      visibility,
      place: null,
    };
    meetings.push(meeting);
    for (const [position, side] of (['us', 'cn'] as const).entries()) {
      const account: AccountRow = {
        id: idOf('account', n * 2 + position, o.seed),
        meeting_id: meeting.id,
        side_key: side,
        position,
        published_on: visibility === 'public' ? meeting.starts_on : null,
        owner_side: side,
        visibility,
      };
      accounts.push(account);
      const raised = rng.distinct(issues.length, Math.min(o.raisings, issues.length));
      raised.forEach((i, k) =>
        raisings.push({
          account_id: account.id,
          issue_id: issues[i]!.id,
          by_side: side,
          position: k,
          stance: rng.pick(['raised', 'concern', 'strong-concern', 'welcomes']),
        }),
      );
      for (let k = 0; k < o.outcomes; k++) {
        const tp = rng.pick(TOPICS);
        outcomes.push({
          id: idOf('outcome', (n * 2 + position) * 1000 + k, o.seed),
          dialogue_id: dialogueId,
          account_id: account.id,
          key: `outcome-${n}-${side}-${k + 1}`,
          position: k,
          kind: rng.pick(['cooperation-area', 'commitment', 'action', 'exchange', 'event']),
          title: { en: `Technical exchange on ${tp.en}`, zh: `${tp.zh}技术交流` },
          status: rng.pick(['agreed', 'in-progress', 'delivered', 'stalled']),
          owner_side: side,
          visibility,
        });
      }
    }
  }
  return { dialogueId, issues, meetings, accounts, raisings, outcomes, held, topicOf };
}

/** Per issue: what the reports merged into it add up to (its priority), filled as reports are generated. */
export interface Impacts {
  trade: Float64Array;
  companies: Float64Array;
  count: Uint32Array;
}

export function impacts(issues: number): Impacts {
  return { trade: new Float64Array(issues), companies: new Float64Array(issues), count: new Uint32Array(issues) };
}

/**
 * Reports `from` to `to` (exclusive), with their document sources. Each chunk
 * has its own PRNG stream, so a chunk is the same whatever the chunk size.
 */
export function generateReports(
  o: SearchBenchOptions,
  sk: Skeleton,
  meetingsOfIssue: readonly number[][],
  sum: Impacts,
  from: number,
  to: number,
): { rows: ReportRow[]; sources: ReportSource[] } {
  const rows: ReportRow[] = [];
  const sources: ReportSource[] = [];
  for (let n = from; n < to; n++) {
    const rng = new Rng(`${o.seed}:report:${n}`);
    const side: Side = rng.chance(0.5) ? 'us' : 'cn';
    // Companies write to their own government, in their own language, about the other economy.
    const language: 'en' | 'zh' = rng.chance(0.85) === (side === 'us') ? 'en' : 'zh';
    const t = rng.int(0, TOPICS.length - 1);
    const tp = TOPICS[t]!;
    const region = rng.pick(REGIONS[side]);
    const words = COMPANY_WORDS[language];
    const company =
      language === 'en'
        ? `${rng.pick(words)} ${rng.pick(words)} ${rng.pick(COMPANY_KINDS.en)}`
        : `${rng.pick(words)}${rng.pick(words)}${rng.pick(COMPANY_KINDS.zh)}`;
    const sentences = rng.some(REPORT_SENTENCES[language], rng.int(2, 4));
    const description = sentences
      .map((s) =>
        s
          .replace('{t}', language === 'en' ? tp.en : tp.zh)
          .replace('{r}', region[language]!)
          .replace('{n}', String(rng.int(2, 90))),
      )
      .join(language === 'en' ? ' ' : '');
    const tradeValue = Math.round(Math.exp(rng.next() * 18)) * 1000;
    const companiesAffected = rng.int(1, 200);
    const r = rng.next();
    const candidates = sk.held[side][t]!;
    let status: ReportRow['status'] = r < 0.55 ? 'merged' : r < 0.95 ? 'new' : 'rejected';
    let issue: number | null = null;
    if (status === 'merged') {
      if (candidates.length === 0) status = 'new';
      else {
        issue = candidates[rng.int(0, candidates.length - 1)]!;
        sum.trade[issue] = sum.trade[issue]! + tradeValue;
        sum.companies[issue] = sum.companies[issue]! + companiesAffected;
        sum.count[issue] = sum.count[issue]! + 1;
      }
    }
    const created = between(rng, '2022-01-01', '2025-11-01');
    const row: ReportRow = {
      id: idOf('report', n, o.seed),
      reference: `R-${new Date(created).getUTCFullYear()}-${String(n + 1).padStart(7, '0')}`,
      side_key: side,
      language,
      organisation: { name: company, kind: rng.chance(0.8) ? 'company' : 'association' },
      contact: { name: 'Bench Contact', email: `contact${n}@example.com` },
      consent: { shareWithCounterpart: rng.chance(0.3), shareWithPublic: rng.chance(0.1) },
      economy: COUNTRY[OTHER[side]],
      region: region[language]!,
      sector: rng.chance(0.8) ? tp.sector[language]! : null,
      products: rng.some(tp.hs, rng.int(0, 2)),
      category: rng.chance(0.7) ? tp.category : null,
      description,
      impact: { tradeValue, currency: 'USD', companiesAffected },
      status_token_hash: createHash('sha256').update(`${o.seed}:token:${n}`).digest('hex'),
      status,
      issue_id: issue === null ? null : sk.issues[issue]!.id,
      rejection: status === 'rejected' ? { reason: 'out-of-scope' } : null,
      created_at: iso(created),
    };
    rows.push(row);
    sources.push({
      id: row.id,
      reference: row.reference,
      side,
      organisation: row.organisation,
      economy: row.economy,
      region: row.region,
      sector: row.sector,
      products: row.products,
      category: row.category,
      description,
      impact: row.impact,
      stepsTaken: null,
      status,
      createdAt: row.created_at,
      dialogueId: issue === null ? null : sk.dialogueId,
      meetings: issue === null ? [] : meetingsOfIssue[issue]!,
    });
  }
  return { rows, sources };
}

/** The search-document source of an issue, with its raisings and the reports merged into it. */
export function issueSource(sk: Skeleton, i: number, raisedAt: IssueSource['raisedAt'], sum: Impacts): IssueSource {
  const x = sk.issues[i]!;
  return {
    id: x.id,
    dialogueId: x.dialogue_id,
    key: x.key,
    title: x.title,
    summary: x.summary,
    category: x.category,
    status: x.status,
    raisedBy: x.raised_by,
    visibility: x.visibility,
    ownerSide: x.owner_side,
    economies: x.economies,
    sectors: x.sectors,
    products: x.products,
    createdAt: x.created_at,
    updatedAt: x.updated_at,
    dialogue: { visibility: 'public', ownerSide: null },
    raisedAt,
    impact: { tradeValue: sum.trade[i]!, companiesAffected: sum.companies[i]!, reports: sum.count[i]! },
  };
}
