/**
 * Deterministic generator of problem reports for the similarity benchmark:
 * short company reports in English or Chinese about the trade terms of
 * bench/generate.ts (the same vocabulary as the generated issues), each a
 * problem sentence framed one of several ways, an impact sentence and, often,
 * a sentence on the steps taken, with places, products (real HS codes), sums
 * and dates. Half of them also carry a sentence of detail taken from the
 * labelled set (bench/data/similar-problems-*.json), in the report's language, so
 * that the words are not only the templates' few hundred: real reports have a
 * long tail of rare words, which the index search relies on less than on the
 * common ones here. Seeded PRNG: one seed, the same reports.
 */
import { createHash } from 'node:crypto';
import type { ReportInput } from '../src/shared/reports.js';
import { CATEGORIES, type Category } from '../src/domain/vocabulary.js';
import { REGIONS, Rng, TERMS, type Term } from './generate.js';
import { loadSimilarDataset } from './similar-quality.js';

export interface GeneratedReport {
  input: ReportInput & { addressedTo: 'us' | 'cn' };
  /** The stored row's status: most reports wait in the queue; some were merged or rejected. */
  status: 'new' | 'merged' | 'rejected';
}

interface Frame {
  en: (t: Slots) => string;
  zh: (t: Slots) => string;
}

interface Slots {
  term: Term;
  product: { en: string; zh: string };
  place: { en: string; zh: string };
  months: number;
  year: number;
  percent: number;
  millions: number;
  firms: number;
  agency: { en: string; zh: string };
  third: { en: string; zh: string };
}

const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

const PROBLEMS: readonly Frame[] = [
  {
    en: (s) => `Since ${s.year}, ${s.term.en} have made it much harder to sell our ${s.product.en} in ${s.place.en}.`,
    zh: (s) => `自${s.year}年以来，${s.term.zh}使我公司的${s.product.zh}在${s.place.zh}的销售变得非常困难。`,
  },
  {
    en: (s) => `Our shipments of ${s.product.en} have been held up for ${s.months} months because of ${s.term.en}.`,
    zh: (s) => `由于${s.term.zh}，我公司的${s.product.zh}货物已被耽搁${ZH_DIGITS[s.months]}个月。`,
  },
  {
    en: (s) =>
      `The ${s.agency.en} told us that the rules on ${s.term.en} now apply to ${s.product.en}, but nothing has been published.`,
    zh: (s) => `${s.agency.zh}告知我们，${s.term.zh}相关规定已适用于${s.product.zh}，但没有公布任何文件。`,
  },
  {
    en: (s) =>
      `Officials in ${s.place.en} apply ${s.term.en} differently from the national rules, and our orders for ${s.product.en} fell by ${s.percent} percent.`,
    zh: (s) =>
      `${s.place.zh}执行${s.term.zh}的做法与全国规定不一致，我公司${s.product.zh}订单下降了百分之${s.percent}。`,
  },
  {
    en: (s) =>
      `We were asked for documents that have nothing to do with ${s.term.en} before our ${s.product.en} could be approved.`,
    zh: (s) => `主管部门要求我们提供与${s.term.zh}无关的材料，才肯批准我公司的${s.product.zh}。`,
  },
  {
    en: (s) =>
      `Competitors from ${s.third.en} do not face the same ${s.term.en}, so we keep losing customers for ${s.product.en}.`,
    zh: (s) => `来自${s.third.zh}的竞争对手不受同样的${s.term.zh}约束，我们的${s.product.zh}客户不断流失。`,
  },
  {
    en: (s) =>
      `${cap(s.term.en)} changed again this year without notice, and our ${s.product.en} business in ${s.place.en} cannot plan.`,
    zh: (s) => `${s.term.zh}今年再次在没有事先通知的情况下调整，我们在${s.place.zh}的${s.product.zh}业务无法做计划。`,
  },
];

const IMPACTS: readonly Frame[] = [
  {
    en: (s) => `We estimate our losses at about USD ${s.millions} million a year.`,
    zh: (s) => `我们估计每年损失约${s.millions}百万美元。`,
  },
  {
    en: (s) => `About ${s.firms} member companies of our association are affected.`,
    zh: (s) => `我们协会约有${s.firms}家会员企业受到影响。`,
  },
  {
    en: (s) => `Orders worth ${s.millions} million dollars were cancelled last quarter.`,
    zh: (s) => `上个季度有价值${s.millions}百万美元的订单被取消。`,
  },
  {
    en: (s) => `Our costs rose by ${s.percent} percent and we may have to close a production line.`,
    zh: (s) => `我们的成本上升了百分之${s.percent}，可能不得不关闭一条生产线。`,
  },
];

const STEPS: readonly Frame[] = [
  {
    en: (s) => `We raised the matter with the ${s.agency.en} ${s.months} months ago and have had no answer.`,
    zh: (s) => `我们${ZH_DIGITS[s.months]}个月前已向${s.agency.zh}反映，至今没有答复。`,
  },
  {
    en: () => `Our local lawyers advise us to wait for the implementing rules.`,
    zh: () => `我们的当地律师建议等待实施细则出台。`,
  },
  {
    en: () => `We would welcome a meeting with the trade officials who handle this issue.`,
    zh: () => `希望能与负责此事的贸易官员见面沟通。`,
  },
];

const AGENCIES: Record<'us' | 'cn', readonly { en: string; zh: string }[]> = {
  cn: [
    { en: 'Ministry of Commerce', zh: '商务部' },
    { en: 'General Administration of Customs', zh: '海关总署' },
    { en: 'State Administration for Market Regulation', zh: '市场监管总局' },
    { en: 'provincial commerce department', zh: '省商务厅' },
  ],
  us: [
    { en: 'Department of Commerce', zh: '美国商务部' },
    { en: 'Customs and Border Protection', zh: '美国海关与边境保护局' },
    { en: 'Office of the US Trade Representative', zh: '美国贸易代表办公室' },
    { en: 'state trade office', zh: '州贸易办公室' },
  ],
};

const THIRD = [
  { en: 'Europe', zh: '欧洲' },
  { en: 'Japan', zh: '日本' },
  { en: 'Korea', zh: '韩国' },
  { en: 'Vietnam', zh: '越南' },
  { en: 'Mexico', zh: '墨西哥' },
] as const;

/** Goods and services by the sector of a term (English name of the sector). */
const PRODUCTS: Record<string, readonly { en: string; zh: string }[]> = {
  Agriculture: [
    { en: 'soybeans', zh: '大豆' },
    { en: 'frozen pork', zh: '冷冻猪肉' },
    { en: 'sorghum', zh: '高粱' },
    { en: 'fresh cherries', zh: '鲜樱桃' },
  ],
  Automotive: [
    { en: 'electric vehicles', zh: '电动汽车' },
    { en: 'auto parts', zh: '汽车零部件' },
  ],
  Aviation: [{ en: 'aircraft parts', zh: '飞机零部件' }],
  Chemicals: [
    { en: 'engineering plastics', zh: '工程塑料' },
    { en: 'specialty chemicals', zh: '特种化学品' },
  ],
  'Consumer goods': [
    { en: 'cosmetics', zh: '化妆品' },
    { en: 'handbags', zh: '手提包' },
    { en: 'footwear', zh: '鞋类' },
  ],
  Energy: [
    { en: 'solar modules', zh: '光伏组件' },
    { en: 'wind turbine parts', zh: '风电设备零部件' },
  ],
  'Financial services': [
    { en: 'payment services', zh: '支付服务' },
    { en: 'asset management products', zh: '资产管理产品' },
  ],
  Healthcare: [
    { en: 'medical devices', zh: '医疗器械' },
    { en: 'diagnostic equipment', zh: '诊断设备' },
  ],
  'Information and communication technology': [
    { en: 'cloud services', zh: '云服务' },
    { en: 'network equipment', zh: '网络设备' },
    { en: 'enterprise software', zh: '企业软件' },
  ],
  'Legal services': [{ en: 'legal advice', zh: '法律咨询' }],
  Logistics: [
    { en: 'express parcels', zh: '快递包裹' },
    { en: 'freight forwarding', zh: '货运代理' },
  ],
  Manufacturing: [
    { en: 'machine tools', zh: '机床' },
    { en: 'industrial robots', zh: '工业机器人' },
    { en: 'furniture', zh: '家具' },
  ],
  'Steel and aluminum': [
    { en: 'steel plate', zh: '钢板' },
    { en: 'aluminium extrusions', zh: '铝型材' },
  ],
  'Critical minerals': [
    { en: 'gallium', zh: '镓' },
    { en: 'rare earth magnets', zh: '稀土磁体' },
  ],
  Pharmaceuticals: [
    { en: 'generic medicines', zh: '仿制药' },
    { en: 'innovative drugs', zh: '创新药' },
  ],
  Semiconductors: [
    { en: 'chips', zh: '芯片' },
    { en: 'chipmaking equipment', zh: '半导体设备' },
  ],
  'Travel and tourism': [{ en: 'tour packages', zh: '旅游产品' }],
  'Trade promotion': [{ en: 'trade fair services', zh: '展会服务' }],
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The sentences of the labelled set's reports, by language. */
function detailSentences(): Record<'en' | 'zh', string[]> {
  const out: Record<'en' | 'zh', string[]> = { en: [], zh: [] };
  for (const r of loadSimilarDataset().problems.flatMap((p) => p.reports)) {
    const parts = r.language === 'en' ? r.text.split(/(?<=[.;])\s+/) : r.text.split(/(?<=[。；])/);
    out[r.language].push(...parts.map((p) => p.trim()).filter((p) => p.length > 8));
  }
  return out;
}

/** Reports of the companies of both sides, about the other side's measures, mostly in their own language. */
export function* generateReports(seed: number | string, count: number): Generator<GeneratedReport> {
  const rng = new Rng(seed);
  const details = detailSentences();
  for (let n = 0; n < count; n++) {
    const category: Category = rng.pick(CATEGORIES);
    const term = rng.pick<Term>(TERMS[category]);
    const addressedTo = rng.chance(0.5) ? 'us' : 'cn';
    // A side's companies report on the other side's measures, in their language three times in four.
    const respondent = addressedTo === 'us' ? 'cn' : 'us';
    const language = rng.chance(0.75) === (addressedTo === 'us') ? 'en' : 'zh';
    const slots: Slots = {
      term,
      product: rng.pick(PRODUCTS[term.sector.en ?? ''] ?? PRODUCTS.Manufacturing!),
      place: rng.pick(REGIONS[respondent]),
      months: rng.int(2, 12),
      year: rng.int(2018, 2025),
      percent: rng.int(5, 60),
      millions: rng.int(1, 400),
      firms: rng.int(3, 250),
      agency: rng.pick(AGENCIES[respondent]),
      third: rng.pick(THIRD),
    };
    const frames = [rng.pick(PROBLEMS), rng.pick(IMPACTS), ...(rng.chance(0.6) ? [rng.pick(STEPS)] : [])];
    const sentences = frames.map((f) => f[language](slots));
    if (rng.chance(0.5)) sentences.splice(1, 0, rng.pick(details[language]));
    const description = sentences.join(language === 'en' ? ' ' : '');
    const products = term.hs.length > 0 && rng.chance(0.5) ? rng.some(term.hs, rng.int(1, 2)) : [];
    const id = `${seed}-${n}`;
    yield {
      input: {
        language,
        addressedTo,
        organisation: { name: `Company ${createHash('sha1').update(id).digest('hex').slice(0, 8)}`, kind: 'company' },
        contact: { name: 'Benchmark Contact', email: `contact-${n}@example.org` },
        consent: { shareWithCounterpart: rng.chance(0.3), shareWithPublic: false },
        economy: respondent === 'us' ? 'US' : 'CN',
        description,
        sector: language === 'en' ? term.sector.en : term.sector.zh,
        category,
        ...(products.length > 0 ? { products } : {}),
      },
      status: rng.weighted([
        ['new', 85],
        ['merged', 10],
        ['rejected', 5],
      ] as const),
    };
  }
}
