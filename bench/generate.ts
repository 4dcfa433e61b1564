/**
 * Deterministic generator of large, valid parley-dialogue/1 bundles for the
 * benchmarks. Everything comes from a seeded PRNG (never Math.random), so one
 * seed always gives byte-identical JSON and two runs measure the same data.
 *
 *   node --import tsx bench/generate.ts --issues 10000 --meetings 20 --out /tmp/big.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BundleInput } from '../src/bundle/schema.js';
import type { Text } from '../src/domain/text.js';
import {
  CATEGORIES,
  MEETING_FORMATS,
  OUTCOME_KINDS,
  STANCES,
  type Category,
  type IssueStatus,
  type OutcomeKind,
  type OutcomeStatus,
} from '../src/domain/vocabulary.js';

export interface GenerateOptions {
  /** Same seed, same bundle. Strings are hashed to a 32-bit seed. */
  seed?: number | string;
  issues?: number;
  meetings?: number;
  /** 1 = the US account only, 2 = both sides, 3 = both sides and a joint statement. */
  accountsPerMeeting?: number;
  /** Issues raised in each account (capped at the number of issues). */
  raisingsPerAccount?: number;
  outcomesPerAccount?: number;
  /** Share of issues that are `public` (the API serves only those without sign-in). */
  publicShare?: number;
  /** Share of issues that are `shared`; the rest are `internal`. */
  sharedShare?: number;
  peoplePerSide?: number;
  dialogueKey?: string;
}

export type GeneratedBundle = BundleInput & {
  issues: NonNullable<BundleInput['issues']>;
  meetings: NonNullable<BundleInput['meetings']>;
};

type Issue = GeneratedBundle['issues'][number];
type Meeting = GeneratedBundle['meetings'][number];
type Account = NonNullable<Meeting['accounts']>[number];
type Outcome = NonNullable<Account['outcomes']>[number];
type Raising = NonNullable<Account['raised']>[number];
type Person = NonNullable<BundleInput['dialogue']['people']>[number];
type SideKey = 'us' | 'cn';

export const DEFAULTS: Required<Omit<GenerateOptions, 'seed'>> & { seed: number } = {
  seed: 1,
  issues: 1000,
  meetings: 10,
  accountsPerMeeting: 2,
  raisingsPerAccount: 20,
  outcomesPerAccount: 5,
  publicShare: 0.6,
  sharedShare: 0.25,
  peoplePerSide: 8,
  dialogueKey: 'us-cn-bench',
};

// ---------------------------------------------------------------------------
// PRNG: mulberry32 seeded through a string hash. Small, fast and good enough
// for picking words; it only has to be reproducible, not cryptographic.

function hashSeed(seed: number | string): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;
  constructor(seed: number | string) {
    this.state = hashSeed(seed);
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** A value drawn with the given weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }
  /** `k` distinct integers in [0, n), in draw order (Floyd's algorithm: O(k) memory, not O(n)). */
  distinct(n: number, k: number): number[] {
    const chosen = new Set<number>();
    const out: number[] = [];
    for (let j = n - k; j < n; j++) {
      const t = this.int(0, j);
      const v = chosen.has(t) ? j : t;
      chosen.add(v);
      out.push(v);
    }
    // Floyd's draw is biased towards high values at the end; shuffle so the order looks random too.
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  /** Up to `k` distinct items of `items`. */
  some<T>(items: readonly T[], k: number): T[] {
    return this.distinct(items.length, Math.min(k, items.length)).map((i) => items[i]!);
  }
}

// ---------------------------------------------------------------------------
// Vocabulary. English terms are lower case so they read mid-sentence; the
// title capitalizes the first letter. HS codes are real chapters (2 digits),
// headings (4) and subheadings (6) for the goods named.

export interface Term {
  en: string;
  zh: string;
  hs: readonly string[];
  sector: Text;
  topics: readonly string[];
}

const SECTOR = {
  agriculture: { en: 'Agriculture', zh: '农业' },
  autos: { en: 'Automotive', zh: '汽车' },
  aviation: { en: 'Aviation', zh: '航空' },
  chemicals: { en: 'Chemicals', zh: '化工' },
  consumer: { en: 'Consumer goods', zh: '消费品' },
  energy: { en: 'Energy', zh: '能源' },
  finance: { en: 'Financial services', zh: '金融服务' },
  health: { en: 'Healthcare', zh: '医疗卫生' },
  ict: { en: 'Information and communication technology', zh: '信息通信技术' },
  legal: { en: 'Legal services', zh: '法律服务' },
  logistics: { en: 'Logistics', zh: '物流' },
  manufacturing: { en: 'Manufacturing', zh: '制造业' },
  metals: { en: 'Steel and aluminum', zh: '钢铁和铝' },
  minerals: { en: 'Critical minerals', zh: '关键矿产' },
  pharma: { en: 'Pharmaceuticals', zh: '药品' },
  semis: { en: 'Semiconductors', zh: '半导体' },
  travel: { en: 'Travel and tourism', zh: '旅游' },
  trade: { en: 'Trade promotion', zh: '贸易促进' },
} satisfies Record<string, Text>;

const t = (en: string, zh: string, sector: Text, hs: readonly string[] = [], topics: readonly string[] = []): Term => ({
  en,
  zh,
  hs,
  sector,
  topics,
});

/** Terms by category; `satisfies` makes the compiler hold the list to all 18 categories. */
export const TERMS = {
  tariffs: [
    t('section 301 tariffs', '301条款关税', SECTOR.manufacturing, ['85', '8471', '847130', '94'], ['market-access']),
    t('retaliatory tariffs', '反制关税', SECTOR.agriculture, ['1201', '120190', '0203', '1005'], ['market-access']),
    t('tariff exclusions', '关税排除', SECTOR.manufacturing, ['84', '8486', '9027']),
    t('tariffs on electric vehicles', '电动汽车关税', SECTOR.autos, ['870380', '8703', '850760'], ['fair-competition']),
  ],
  'trade-remedies': [
    t('anti-dumping duties', '反倾销税', SECTOR.metals, ['7208', '72', '7601'], ['fair-competition']),
    t('countervailing duties', '反补贴税', SECTOR.energy, ['854143', '8541', '7604'], ['fair-competition']),
    t('safeguard measures', '保障措施', SECTOR.manufacturing, ['8450', '854143']),
    t('trade remedy investigations', '贸易救济调查', SECTOR.chemicals, ['3901', '2905', '29']),
  ],
  'import-policies': [
    t('import licensing', '进口许可', SECTOR.consumer, ['3304', '2204', '33']),
    t(
      'agricultural import quotas',
      '农产品进口配额',
      SECTOR.agriculture,
      ['1001', '1005', '1006', '10'],
      ['food-security'],
    ),
    t('recycled materials imports', '再生原料进口', SECTOR.metals, ['7204', '7602', '4707']),
  ],
  customs: [
    t('customs clearance', '清关', SECTOR.logistics, ['85', '61', '62']),
    t('rules of origin', '原产地规则', SECTOR.manufacturing, ['64', '6403', '94']),
    t('cross-border e-commerce parcels', '跨境电商包裹', SECTOR.logistics, ['95', '9503', '61']),
    t('customs valuation', '海关估价', SECTOR.consumer, ['3304', '4202', '9102']),
  ],
  'technical-barriers': [
    t('medical devices', '医疗器械', SECTOR.health, ['9018', '901890', '9021', '9022'], ['public-health']),
    t('cosmetics registration', '化妆品注册', SECTOR.consumer, ['3304', '330499', '33']),
    t('new energy vehicle standards', '新能源汽车标准', SECTOR.autos, ['870380', '8708'], ['supply-chain-resilience']),
    t('cybersecurity certification', '网络安全认证', SECTOR.ict, ['8517', '851713', '8471'], ['national-security']),
  ],
  'sanitary-phytosanitary': [
    t('beef and pork', '牛肉和猪肉', SECTOR.agriculture, ['0201', '0202', '0203', '02'], ['food-safety']),
    t('poultry', '禽肉', SECTOR.agriculture, ['0207', '020714'], ['food-safety']),
    t('soybeans', '大豆', SECTOR.agriculture, ['1201', '120190', '12'], ['food-security']),
    t('aquatic products', '水产品', SECTOR.agriculture, ['03', '0306', '030617'], ['food-safety']),
  ],
  'government-procurement': [
    t('government procurement', '政府采购', SECTOR.ict, ['8471', '847130', '8517']),
    t('hospital procurement', '医院采购', SECTOR.health, ['9018', '9022', '3004'], ['public-health']),
    t('buy-national preferences', '本国产品优先采购', SECTOR.manufacturing, ['84', '85']),
  ],
  'intellectual-property': [
    t('trade secrets', '商业秘密', SECTOR.manufacturing, [], ['rule-of-law']),
    t('patent enforcement', '专利执法', SECTOR.pharma, ['3004', '300490', '30']),
    t('counterfeit goods', '假冒商品', SECTOR.consumer, ['4202', '6403', '9102']),
    t('online copyright piracy', '网络著作权盗版', SECTOR.ict),
  ],
  services: [
    t('financial services', '金融服务', SECTOR.finance, [], ['market-access']),
    t('cloud computing services', '云计算服务', SECTOR.ict, [], ['data-security']),
    t('legal services', '法律服务', SECTOR.legal),
    t('express delivery services', '快递服务', SECTOR.logistics),
  ],
  'digital-trade': [
    t('cross-border data flows', '跨境数据流动', SECTOR.ict, [], ['data-security']),
    t('data security reviews', '数据安全审查', SECTOR.ict, [], ['data-security', 'national-security']),
    t('online platform rules', '网络平台规则', SECTOR.ict),
    t('electronic payments', '电子支付', SECTOR.finance, [], ['market-access']),
  ],
  investment: [
    t('outbound investment screening', '对外投资审查', SECTOR.semis, [], ['national-security']),
    t('foreign investment reviews', '外商投资审查', SECTOR.manufacturing, [], ['national-security']),
    t('joint venture requirements', '合资要求', SECTOR.autos, ['8703'], ['market-access']),
    t('two-way investment', '双向投资', SECTOR.finance, [], ['non-discrimination']),
  ],
  'industrial-policy': [
    t('overcapacity', '产能过剩', SECTOR.metals, ['72', '7208', '7601'], ['fair-competition']),
    t('industrial subsidies', '产业补贴', SECTOR.energy, ['854143', '850760'], ['fair-competition']),
    t('legacy chips', '成熟制程芯片', SECTOR.semis, ['8542', '854231', '854239'], ['supply-chain-resilience']),
    t('shipbuilding support', '造船业扶持', SECTOR.manufacturing, ['8901', '89']),
  ],
  'export-controls': [
    t('export controls', '出口管制', SECTOR.semis, ['8486', '848620', '8542'], ['national-security']),
    t('entity list designations', '实体清单', SECTOR.ict, [], ['national-security']),
    t('rare earth export controls', '稀土出口管制', SECTOR.minerals, ['2805', '2846', '284690'], ['national-security']),
    t('gallium and germanium', '镓和锗', SECTOR.minerals, ['8112', '811292', '2825'], ['supply-chain-resilience']),
  ],
  'regulatory-transparency': [
    t('regulatory transparency', '监管透明度', SECTOR.manufacturing, [], ['rule-of-law']),
    t('public comment periods', '公开征求意见期', SECTOR.finance, [], ['rule-of-law']),
    t('administrative licensing', '行政许可', SECTOR.consumer),
  ],
  competition: [
    t('antitrust investigations', '反垄断调查', SECTOR.semis, [], ['fair-competition']),
    t('merger reviews', '经营者集中审查', SECTOR.semis, ['8542'], ['fair-competition']),
    t('state-owned enterprises', '国有企业', SECTOR.energy, ['2710', '271111'], ['fair-competition']),
  ],
  'business-mobility': [
    t('business visas', '商务签证', SECTOR.travel, [], ['people-to-people']),
    t('exit bans', '出境限制', SECTOR.legal, [], ['rule-of-law']),
    t('work permits for foreign staff', '外籍员工工作许可', SECTOR.manufacturing, [], ['people-to-people']),
    t('direct passenger flights', '直航客运航班', SECTOR.aviation, ['8802', '880240'], ['people-to-people']),
  ],
  'trade-promotion': [
    t('trade missions', '贸易代表团', SECTOR.trade),
    t('trade fairs', '贸易展会', SECTOR.trade, ['2204', '0802']),
    t('subnational trade promotion', '地方贸易促进', SECTOR.trade),
    t('travel and tourism promotion', '旅游推广', SECTOR.travel),
  ],
  other: [
    t('business environment', '营商环境', SECTOR.manufacturing),
    t('trade statistics', '贸易统计', SECTOR.trade),
    t('commercial dispute resolution', '商事纠纷解决', SECTOR.legal, [], ['rule-of-law']),
  ],
} satisfies Record<Category, readonly Term[]>;

interface Phrase {
  en: (term: string) => string;
  zh: (term: string) => string;
  slug: string;
}

/** Ways an issue title frames its term; `{t}` alone is the most common, as in real readouts. */
const FRAMES: readonly (readonly [Phrase, number])[] = [
  [{ en: (x) => x, zh: (x) => x, slug: '' }, 4],
  [{ en: (x) => `rules on ${x}`, zh: (x) => `${x}相关规定`, slug: 'rules' }, 1],
  [{ en: (x) => `transparency of measures on ${x}`, zh: (x) => `${x}相关措施的透明度`, slug: 'transparency' }, 1],
  [{ en: (x) => `enforcement practice on ${x}`, zh: (x) => `${x}执法实践`, slug: 'enforcement' }, 1],
  [{ en: (x) => `company concerns about ${x}`, zh: (x) => `企业对${x}的关切`, slug: 'concerns' }, 1],
  [{ en: (x) => `recent changes to ${x}`, zh: (x) => `${x}近期变化`, slug: 'changes' }, 1],
  [{ en: (x) => `local implementation of ${x}`, zh: (x) => `${x}地方执行情况`, slug: 'local' }, 1],
  [{ en: (x) => `discriminatory treatment in ${x}`, zh: (x) => `${x}中的歧视性待遇`, slug: 'discrimination' }, 1],
];

const OUTCOME_FRAMES: Record<OutcomeKind, Phrase> = {
  'cooperation-area': { en: (x) => `cooperation on ${x}`, zh: (x) => `${x}领域合作`, slug: 'cooperation' },
  commitment: { en: (x) => `keep in close contact on ${x}`, zh: (x) => `就${x}保持密切沟通`, slug: 'contact' },
  action: { en: (x) => `publish guidance on ${x}`, zh: (x) => `发布${x}指南`, slug: 'guidance' },
  exchange: { en: (x) => `technical exchange on ${x}`, zh: (x) => `${x}技术交流`, slug: 'exchange' },
  event: { en: (x) => `joint workshop on ${x}`, zh: (x) => `${x}联合研讨会`, slug: 'workshop' },
};

const SUMMARIES: readonly Phrase[] = [
  {
    en: (x) => `Companies report that ${x} raise costs and create uncertainty for their operations.`,
    zh: (x) => `企业反映，${x}增加了经营成本并带来不确定性。`,
    slug: '',
  },
  {
    en: (x) => `Firms ask for clear, published rules on ${x} applied consistently across agencies and provinces.`,
    zh: (x) => `企业希望${x}相关规则公开明确，并在各部门和各地区统一执行。`,
    slug: '',
  },
  {
    en: (x) =>
      `The raising side considers that measures on ${x} treat its companies less favourably than domestic ones.`,
    zh: (x) => `提出方认为，有关${x}的措施给予其企业的待遇低于本国企业。`,
    slug: '',
  },
  {
    en: (x) => `Industry associations have documented cases where ${x} delayed shipments by several months.`,
    zh: (x) => `行业协会记录了因${x}导致货物延误数月的案例。`,
    slug: '',
  },
];

interface Region {
  en: string;
  zh: string;
}
/** Where a measure applies: a place of the respondent side. */
export const REGIONS: Record<SideKey, readonly Region[]> = {
  cn: [
    { en: 'Guangdong', zh: '广东' },
    { en: 'Shanghai', zh: '上海' },
    { en: 'Jiangsu', zh: '江苏' },
    { en: 'Zhejiang', zh: '浙江' },
    { en: 'Beijing', zh: '北京' },
    { en: 'Shandong', zh: '山东' },
    { en: 'Sichuan', zh: '四川' },
    { en: 'Hubei', zh: '湖北' },
    { en: 'Tianjin', zh: '天津' },
    { en: 'Fujian', zh: '福建' },
  ],
  us: [
    { en: 'California', zh: '加利福尼亚州' },
    { en: 'Texas', zh: '得克萨斯州' },
    { en: 'Washington State', zh: '华盛顿州' },
    { en: 'Iowa', zh: '艾奥瓦州' },
    { en: 'Illinois', zh: '伊利诺伊州' },
    { en: 'Michigan', zh: '密歇根州' },
    { en: 'New York', zh: '纽约州' },
    { en: 'Ohio', zh: '俄亥俄州' },
    { en: 'Georgia', zh: '佐治亚州' },
  ],
};

/** Meeting venues alternate between the two capitals and other cities. */
const CITIES: Record<SideKey, readonly Region[]> = {
  us: [
    { en: 'Washington, D.C.', zh: '华盛顿' },
    { en: 'New York', zh: '纽约' },
    { en: 'San Francisco', zh: '旧金山' },
    { en: 'Seattle', zh: '西雅图' },
  ],
  cn: [
    { en: 'Beijing', zh: '北京' },
    { en: 'Shanghai', zh: '上海' },
    { en: 'Tianjin', zh: '天津' },
    { en: 'Guangzhou', zh: '广州' },
  ],
};

interface NameParts {
  given: readonly (readonly [en: string, zh: string])[];
  family: readonly (readonly [en: string, zh: string])[];
  titles: readonly Text[];
}

const NAMES: Record<SideKey, NameParts> = {
  us: {
    given: [
      ['Michael', '迈克尔'],
      ['Sarah', '萨拉'],
      ['David', '戴维'],
      ['Jennifer', '詹妮弗'],
      ['Robert', '罗伯特'],
      ['Emily', '埃米莉'],
      ['James', '詹姆斯'],
      ['Laura', '劳拉'],
    ],
    family: [
      ['Smith', '史密斯'],
      ['Johnson', '约翰逊'],
      ['Miller', '米勒'],
      ['Davis', '戴维斯'],
      ['Garcia', '加西亚'],
      ['Wilson', '威尔逊'],
      ['Anderson', '安德森'],
      ['Taylor', '泰勒'],
      ['Moore', '摩尔'],
      ['Martin', '马丁'],
    ],
    titles: [
      { en: 'Under Secretary of Commerce for International Trade', zh: '美国商务部负责国际贸易的副部长' },
      { en: 'Assistant Secretary for Global Markets', zh: '负责全球市场的助理部长' },
      { en: 'Deputy Assistant Secretary for China', zh: '负责中国事务的副助理部长' },
      { en: 'Director, Office of China and Mongolia', zh: '中国和蒙古办公室主任' },
      { en: 'Senior Trade Specialist', zh: '高级贸易专员' },
      { en: 'Senior Commercial Officer, U.S. Embassy Beijing', zh: '美国驻华使馆高级商务参赞' },
    ],
  },
  cn: {
    given: [
      ['Wei', '伟'],
      ['Fang', '芳'],
      ['Min', '敏'],
      ['Jing', '静'],
      ['Lei', '磊'],
      ['Qiang', '强'],
      ['Jun', '军'],
      ['Hui', '慧'],
    ],
    family: [
      ['Wang', '王'],
      ['Li', '李'],
      ['Zhang', '张'],
      ['Liu', '刘'],
      ['Chen', '陈'],
      ['Yang', '杨'],
      ['Zhao', '赵'],
      ['Huang', '黄'],
      ['Zhou', '周'],
      ['Wu', '吴'],
    ],
    titles: [
      { en: 'Vice Minister of Commerce', zh: '商务部副部长' },
      { en: 'Assistant Minister of Commerce', zh: '商务部部长助理' },
      { en: 'Director-General, Department of American and Oceanian Affairs', zh: '商务部美洲大洋洲司司长' },
      { en: 'Deputy Director-General, Department of American and Oceanian Affairs', zh: '商务部美洲大洋洲司副司长' },
      { en: 'Director, Department of Foreign Trade', zh: '商务部对外贸易司处长' },
      { en: 'Minister Counsellor for Commercial Affairs, Embassy in Washington', zh: '驻美国使馆经济商务公使衔参赞' },
    ],
  },
};

const NEXT_WHEN: readonly Text[] = [
  { en: 'later this year', zh: '今年晚些时候' },
  { en: 'in the first half of next year', zh: '明年上半年' },
  { en: 'in the coming months', zh: '未来几个月内' },
  { en: 'at a mutually convenient time', zh: '在双方方便的时候' },
];

const NOTES: readonly Text[] = [
  {
    en: 'Both sides agreed to keep the working group as the channel for company concerns.',
    zh: '双方同意继续以工作组作为沟通企业关切的渠道。',
  },
  { en: 'The meeting was described as candid, in-depth and constructive.', zh: '双方进行了坦诚、深入、建设性的交流。' },
  { en: 'Working-level teams will follow up before the next meeting.', zh: '工作层团队将在下次会议前跟进。' },
];

const STATUS_WEIGHTS: readonly (readonly [IssueStatus, number])[] = [
  ['open', 45],
  ['reported', 10],
  ['resolved-in-part', 12],
  ['resolved', 12],
  ['dormant', 10],
  ['withdrawn', 6],
  ['out-of-scope', 5],
];

const OUTCOME_STATUS_WEIGHTS: readonly (readonly [OutcomeStatus, number])[] = [
  ['agreed', 40],
  ['in-progress', 25],
  ['delivered', 20],
  ['stalled', 10],
  ['dropped', 5],
];

const THIRD_ECONOMIES = ['VN', 'MX', 'MY', 'TH', 'KR', 'JP', 'DE'] as const;
const OTHER: Record<SideKey, SideKey> = { us: 'cn', cn: 'us' };
const COUNTRY: Record<SideKey, string> = { us: 'US', cn: 'CN' };

// ---------------------------------------------------------------------------

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A key no longer than the spec's 63 characters that still ends in the unique suffix. */
function keyOf(words: string, suffix: string): string {
  const room = 63 - suffix.length - 1;
  const base = slugify(words).slice(0, room).replace(/-+$/, '');
  return base ? `${base}-${suffix}` : suffix;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function generatePeople(rng: Rng, perSide: number): Record<SideKey, Person[]> {
  const out: Record<SideKey, Person[]> = { us: [], cn: [] };
  for (const side of ['us', 'cn'] as const) {
    const names = NAMES[side];
    for (let i = 0; i < perSide; i++) {
      const [givenEn, givenZh] = rng.pick(names.given);
      const [familyEn, familyZh] = rng.pick(names.family);
      // Chinese names read family name first in both languages; US names keep English order.
      const en = side === 'cn' ? `${familyEn} ${givenEn}` : `${givenEn} ${familyEn}`;
      const zh = side === 'cn' ? `${familyZh}${givenZh}` : `${givenZh}·${familyZh}`;
      out[side].push({
        key: keyOf(en, `${side}${i + 1}`),
        side,
        name: { en, zh },
        // The first people are the principals who chair meetings; titles go down the list.
        title: names.titles[Math.min(i, names.titles.length - 1)]!,
      });
    }
  }
  return out;
}

function generateIssue(rng: Rng, index: number, publicShare: number, sharedShare: number): Issue {
  // Cycling through the categories guarantees that every one of the 18 appears once there are 18 issues.
  const category = CATEGORIES[index % CATEGORIES.length]!;
  const term = rng.pick<Term>(TERMS[category]);
  const frame = rng.weighted(FRAMES);
  const raisedBy: SideKey = rng.chance(0.55) ? 'us' : 'cn';
  const respondent = OTHER[raisedBy];
  const region = rng.chance(0.3) ? rng.pick(REGIONS[respondent]) : undefined;

  let en = capitalize(frame.en(term.en));
  let zh = frame.zh(term.zh);
  if (region) {
    en = `${en} in ${region.en}`;
    zh = `${region.zh}${zh}`;
  }
  // Shares are clamped so that --public 1 really means every issue is public.
  const pub = Math.min(1, Math.max(0, publicShare));
  const shared = Math.min(1 - pub, Math.max(0, sharedShare));
  const visibility = rng.weighted([
    ['public', pub],
    ['shared', shared],
    ['internal', 1 - pub - shared],
  ] as const);

  const issue: Issue = {
    key: keyOf(`${frame.slug} ${term.en} ${region?.en ?? ''}`, (index + 1).toString(36)),
    title: { en, zh },
    raisedBy,
    respondent,
    category,
    topics: rng.some(term.topics, rng.int(0, term.topics.length)),
    sectors: rng.chance(0.8) ? [term.sector] : [],
    products: rng.some(term.hs, rng.int(0, Math.min(3, term.hs.length))),
    economies: rng.chance(0.1) ? [COUNTRY[respondent], rng.pick(THIRD_ECONOMIES)] : [COUNTRY[respondent]],
    regions: region ? [{ en: region.en, zh: region.zh }] : [],
    status: rng.weighted(STATUS_WEIGHTS),
    visibility,
  };
  if (rng.chance(0.7)) {
    const s = rng.pick(SUMMARIES);
    issue.summary = { en: s.en(term.en), zh: s.zh(term.zh) };
  }
  // An internal issue is usually held by the side raising it (the default); sometimes the other side tracks it.
  if (visibility === 'internal' && rng.chance(0.3)) issue.owner = rng.chance(0.5) ? raisedBy : respondent;
  return issue;
}

/** Generates a valid parley-dialogue/1 document; the same options always give the same document. */
export function generateBundle(options: GenerateOptions = {}): GeneratedBundle {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const people = generatePeople(rng, Math.max(1, o.peoplePerSide));
  const principal = (side: SideKey) => people[side][0]!.key;
  const established = '2023-08-28';

  const issues: Issue[] = [];
  for (let i = 0; i < o.issues; i++) issues.push(generateIssue(rng, i, o.publicShare, o.sharedShare));

  const accountSides: (SideKey | null)[] = (['us', 'cn', null] as const).slice(
    0,
    Math.max(0, Math.min(3, o.accountsPerMeeting)),
  );
  const raisings = Math.min(o.raisingsPerAccount, issues.length);
  const meetings: Meeting[] = [];
  let date = established;
  for (let n = 1; n <= o.meetings; n++) {
    // Twice a year, give or take a few weeks.
    date = n === 1 ? '2024-04-04' : addDays(date, rng.int(150, 210));
    const format = n === 1 ? 'in-person' : rng.pick(MEETING_FORMATS);
    const host: SideKey = n % 2 === 1 ? 'us' : 'cn';
    const key = `bench-${n}`;
    const meeting: Meeting = {
      key,
      number: n,
      date,
      format,
      host,
      chairs: [principal('us'), principal('cn')],
      participants: [
        { side: 'us', text: { en: 'International Trade Administration', zh: '美国商务部国际贸易管理局' } },
        { side: 'cn', text: { en: 'Ministry of Commerce', zh: '中华人民共和国商务部' } },
      ],
      accounts: [],
    };
    if (format === 'in-person' || format === 'hybrid') {
      const city = rng.pick(CITIES[host]);
      meeting.place = { city: { en: city.en, zh: city.zh }, country: COUNTRY[host] };
    }
    if (rng.chance(0.2)) meeting.endDate = addDays(date, 1);

    for (const side of accountSides) {
      const label = side ?? 'joint';
      const raised: Raising[] = rng.distinct(issues.length, raisings).map((i) => {
        const issue = issues[i]!;
        const raiser = issue.raisedBy as SideKey;
        // A side's readout mostly records what it raised; a joint statement records either side.
        const by = side === null || rng.chance(0.8) ? raiser : OTHER[raiser];
        return { by, issue: issue.key, stance: rng.pick(STANCES) };
      });
      const outcomes: Outcome[] = [];
      for (let k = 0; k < o.outcomesPerAccount; k++) {
        const kind = rng.pick(OUTCOME_KINDS);
        const term = rng.pick<Term>(TERMS[rng.pick(CATEGORIES)]);
        const frame = OUTCOME_FRAMES[kind];
        const outcome: Outcome = {
          // Outcome keys are unique in the whole dialogue: the meeting, side and index make them so.
          key: keyOf(`${frame.slug} ${term.en}`, `${n}${label.charAt(0)}${k + 1}`),
          kind,
          title: { en: frame.en(term.en), zh: frame.zh(term.zh) },
          owners: side === null || rng.chance(0.6) ? ['us', 'cn'] : [side],
          status: rng.weighted(OUTCOME_STATUS_WEIGHTS),
        };
        if (rng.chance(0.4)) outcome.due = addDays(date, rng.int(30, 365));
        outcomes.push(outcome);
      }
      const account: Account = { side, raised, outcomes };
      // Most readouts are published (their meeting then becomes public); a few stay between the delegations.
      if (rng.chance(0.9)) {
        account.published = side === 'cn' ? addDays(date, rng.int(0, 2)) : date;
        account.source = {
          title: `Readout of meeting ${n} (${label})`,
          url: `https://readouts.example.org/${key}/${label}`,
          language: side === 'cn' ? 'zh' : 'en',
        };
      }
      if (side !== null && rng.chance(0.5)) {
        const earliest = addDays(date, 30);
        account.nextMeeting = {
          place: { country: COUNTRY[OTHER[host]] },
          when: rng.pick(NEXT_WHEN),
          earliest,
          latest: addDays(earliest, 240),
          leadBy: rng.pick(people[side]).key,
        };
      }
      if (rng.chance(0.3)) account.notes = rng.pick(NOTES);
      meeting.accounts!.push(account);
    }
    meetings.push(meeting);
  }

  return {
    format: 'parley-dialogue/1',
    dialogue: {
      key: o.dialogueKey,
      names: [
        { side: 'us', text: { en: 'U.S.-China Synthetic Trade Working Group', zh: '美中合成贸易工作组' } },
        { side: 'cn', text: { en: 'China-U.S. Synthetic Trade Working Group', zh: '中美合成贸易工作组' } },
        { side: null, text: { en: 'Synthetic Trade Working Group', zh: '合成贸易工作组' } },
      ],
      level: 'working-level',
      cadence: { en: 'twice a year', zh: '每年两次' },
      mandate: {
        en: 'Generated data for load tests: take up trade and investment issues raised by businesses of both sides.',
        zh: '用于压力测试的生成数据：处理双方企业提出的贸易和投资问题。',
      },
      established: {
        date: established,
        place: { city: { en: 'Beijing', zh: '北京' }, country: 'CN' },
        by: [principal('us'), principal('cn')],
        occasion: { en: 'a ministerial visit', zh: '部长访问期间' },
      },
      sides: [
        {
          key: 'us',
          country: 'US',
          agency: {
            en: 'International Trade Administration, U.S. Department of Commerce',
            zh: '美国商务部国际贸易管理局',
          },
          pressContact: {
            office: { en: 'Office of Public Affairs', zh: '公共事务办公室' },
            email: 'press@example.org',
          },
          about: { en: 'A synthetic agency for benchmarks.', zh: '用于基准测试的虚构机构。' },
        },
        {
          key: 'cn',
          country: 'CN',
          agency: { en: "Ministry of Commerce of the People's Republic of China", zh: '中华人民共和国商务部' },
          about: { en: 'A synthetic agency for benchmarks.', zh: '用于基准测试的虚构机构。' },
        },
      ],
      people: [...people.us, ...people.cn],
      principles: [
        {
          side: 'us',
          kind: 'non-negotiable',
          topic: 'national-security',
          text: {
            en: 'The United States does not negotiate on matters of national security.',
            zh: '美方不就国家安全问题进行谈判。',
          },
        },
        {
          side: 'us',
          kind: 'priority',
          topic: 'market-access',
          text: { en: 'Fair and reciprocal market access for U.S. firms.', zh: '为美国企业争取公平、对等的市场准入。' },
        },
        {
          side: 'us',
          kind: 'other',
          topic: 'supply-chain-resilience',
          text: { en: 'Resilient and diversified supply chains.', zh: '韧性和多元化的供应链。' },
        },
        {
          side: 'cn',
          kind: 'non-negotiable',
          topic: 'national-security',
          text: { en: "China's core interests are not subject to negotiation.", zh: '中方核心利益不容谈判。' },
        },
        {
          side: 'cn',
          kind: 'priority',
          topic: 'non-discrimination',
          text: {
            en: 'Fair and non-discriminatory treatment of Chinese firms.',
            zh: '中国企业应获得公平、非歧视待遇。',
          },
        },
        {
          side: 'cn',
          kind: 'other',
          topic: 'fair-competition',
          text: { en: 'Trade remedies must follow WTO rules.', zh: '贸易救济措施应符合世贸组织规则。' },
        },
      ],
    },
    issues,
    meetings,
  };
}

/** Rows the importer writes for a bundle (dialogue, names, sides, people, principles, issues, meetings, accounts, raisings, outcomes). */
export function countRecords(b: GeneratedBundle): number {
  let n = 1 + b.dialogue.names.length + b.dialogue.sides.length;
  n += (b.dialogue.people?.length ?? 0) + (b.dialogue.principles?.length ?? 0) + b.issues.length + b.meetings.length;
  for (const m of b.meetings) {
    for (const a of m.accounts ?? []) n += 1 + (a.raised?.length ?? 0) + (a.outcomes?.length ?? 0);
  }
  return n;
}

// ---------------------------------------------------------------------------
// CLI

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(entry) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      issues: { type: 'string', default: String(DEFAULTS.issues) },
      meetings: { type: 'string', default: String(DEFAULTS.meetings) },
      accounts: { type: 'string', default: String(DEFAULTS.accountsPerMeeting) },
      raisings: { type: 'string', default: String(DEFAULTS.raisingsPerAccount) },
      outcomes: { type: 'string', default: String(DEFAULTS.outcomesPerAccount) },
      public: { type: 'string', default: String(DEFAULTS.publicShare) },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: node --import tsx bench/generate.ts [--seed N] [--issues N] [--meetings N] [--accounts 1-3]\n' +
        '         [--raisings N] [--outcomes N] [--public 0..1] [--out FILE]\n' +
        'Writes a valid parley-dialogue/1 bundle (to stdout without --out).',
    );
    return;
  }
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} expects a number 0 or more, got ${v}`);
    return n;
  };
  const bundle = generateBundle({
    seed: values.seed,
    issues: Math.floor(num('issues', values.issues)),
    meetings: Math.floor(num('meetings', values.meetings)),
    accountsPerMeeting: Math.floor(num('accounts', values.accounts)),
    raisingsPerAccount: Math.floor(num('raisings', values.raisings)),
    outcomesPerAccount: Math.floor(num('outcomes', values.outcomes)),
    publicShare: num('public', values.public),
  });
  const text = `${JSON.stringify(bundle, null, 1)}\n`;
  if (values.out) {
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, text);
    console.error(
      `wrote ${values.out}: ${bundle.issues.length} issues, ${bundle.meetings.length} meetings, ` +
        `${countRecords(bundle)} records, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`,
    );
  } else {
    process.stdout.write(text);
  }
}

if (isMain()) main();
