/**
 * The words of the charts in both languages: titles, series and row labels.
 * A chart's SVG is drawn on the server (for documents), so its labels cannot
 * come from the web app's catalogues; they are kept here, worded as the web
 * app words the same vocabulary (i18n/en.json, zh.json: category, status).
 */
import type { Category, IssueStatus } from '../vocabulary.js';

/** A label in each interface language. */
export interface Label {
  en: string;
  zh: string;
}

export const CATEGORY_LABELS: Record<Category, Label> = {
  tariffs: { en: 'Tariffs', zh: '关税' },
  'trade-remedies': { en: 'Trade remedies', zh: '贸易救济' },
  'import-policies': { en: 'Import policies', zh: '进口政策' },
  customs: { en: 'Customs', zh: '海关' },
  'technical-barriers': { en: 'Technical barriers to trade', zh: '技术性贸易壁垒' },
  'sanitary-phytosanitary': { en: 'Sanitary and phytosanitary measures', zh: '卫生与植物卫生措施' },
  'government-procurement': { en: 'Government procurement', zh: '政府采购' },
  'intellectual-property': { en: 'Intellectual property', zh: '知识产权' },
  services: { en: 'Services', zh: '服务贸易' },
  'digital-trade': { en: 'Digital trade', zh: '数字贸易' },
  investment: { en: 'Investment', zh: '投资' },
  'industrial-policy': { en: 'Industrial policy', zh: '产业政策' },
  'export-controls': { en: 'Export controls', zh: '出口管制' },
  'regulatory-transparency': { en: 'Regulatory transparency', zh: '监管透明度' },
  competition: { en: 'Competition and fair treatment', zh: '竞争与公平待遇' },
  'business-mobility': { en: 'Business mobility', zh: '商务人员流动' },
  'trade-promotion': { en: 'Trade promotion', zh: '贸易促进' },
  other: { en: 'Other', zh: '其他' },
};

export const STATUS_LABELS: Record<IssueStatus, Label> = {
  reported: { en: 'Reported', zh: '已反映' },
  open: { en: 'Open', zh: '待解决' },
  'resolved-in-part': { en: 'Resolved in part', zh: '部分解决' },
  resolved: { en: 'Resolved', zh: '已解决' },
  dormant: { en: 'Dormant', zh: '休眠' },
  withdrawn: { en: 'Withdrawn', zh: '已撤回' },
  'out-of-scope': { en: 'Out of scope', zh: '不属范围' },
};

/** Column and row words that are not a vocabulary of the records. */
export const WORDS = {
  category: { en: 'Category', zh: '类别' },
  meeting: { en: 'Meeting', zh: '会议' },
  issue: { en: 'Issue', zh: '问题' },
  issues: { en: 'Issues', zh: '问题数' },
  days: { en: 'Days from first raised to resolved', zh: '从首次提出到解决的天数' },
  timesRaised: { en: 'Times raised', zh: '提出次数' },
  agreed: { en: 'Agreed', zh: '商定' },
  delivered: { en: 'Delivered', zh: '已落实' },
  state: { en: 'State', zh: '状态' },
  stalled: { en: 'Stalled', zh: '停滞' },
  now: { en: 'Now', zh: '当前' },
  sector: { en: 'Sector', zh: '行业' },
  economy: { en: 'Economy', zh: '经济体' },
  region: { en: 'Region', zh: '地区' },
  notStated: { en: 'Not stated', zh: '未说明' },
  new: { en: 'New', zh: '新收到' },
  merged: { en: 'Merged into an issue', zh: '已并入问题' },
  rejected: { en: 'Rejected', zh: '未采纳' },
} satisfies Record<string, Label>;

export function meetingLabel(number: number, date?: string): Label {
  return date
    ? { en: `Meeting ${number} (${date})`, zh: `第${number}次会议（${date}）` }
    : { en: `Meeting ${number}`, zh: `第${number}次会议` };
}

export function timesLabel(n: number): Label {
  return { en: n === 1 ? 'raised once' : `raised ${n} times`, zh: `提出${n}次` };
}

/** A country's name from its ISO code, as the web app writes it (Intl, in both languages). */
export function countryLabel(code: string): Label {
  const name = (locale: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return { en: name('en-US'), zh: name('zh-CN') };
}

/** A record text as a label: each language, or the other when one is missing. */
export function textLabel(text: Partial<Record<string, string>>, fallback: string): Label {
  const en = text.en ?? text.zh ?? Object.values(text).find(Boolean) ?? fallback;
  const zh = text.zh ?? text.en ?? Object.values(text).find(Boolean) ?? fallback;
  return { en, zh };
}
