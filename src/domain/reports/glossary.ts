/**
 * A bilingual glossary of trade terms, kept in the project: each concept with
 * its English and Chinese wordings. A report and an issue that name the same
 * concept in either language match on it. Add terms here; English is matched
 * as lowercase words, Chinese as substrings.
 */
export interface GlossaryTerm {
  id: string;
  en: string[];
  zh: string[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    id: 'data-flows',
    en: ['cross-border data flows', 'cross-border data', 'data flows', 'data transfer', 'data transfers'],
    zh: ['跨境数据流动', '跨境数据', '数据流动', '数据出境', '数据传输'],
  },
  {
    id: 'data-localisation',
    en: ['data localization', 'data localisation', 'local storage of data'],
    zh: ['数据本地化', '本地存储'],
  },
  { id: 'overcapacity', en: ['overcapacity', 'excess capacity'], zh: ['产能过剩', '过剩产能'] },
  {
    id: 'export-controls',
    en: ['export controls', 'export control', 'entity list', 'export licence', 'export license'],
    zh: ['出口管制', '实体清单', '出口许可'],
  },
  {
    id: 'medical-devices',
    en: ['medical devices', 'medical device', 'medical equipment'],
    zh: ['医疗器械', '医疗设备'],
  },
  {
    id: 'procurement',
    en: ['government procurement', 'public procurement', 'procurement', 'tender', 'tenders'],
    zh: ['政府采购', '采购', '招标'],
  },
  { id: 'tariffs', en: ['tariff', 'tariffs', 'customs duty', 'customs duties', 'duties'], zh: ['关税'] },
  { id: 'anti-dumping', en: ['anti-dumping', 'antidumping', 'dumping'], zh: ['反倾销', '倾销'] },
  { id: 'countervailing', en: ['countervailing', 'subsidies', 'subsidy'], zh: ['反补贴', '补贴'] },
  {
    id: 'customs-clearance',
    en: ['customs clearance', 'customs delays', 'clearance', 'customs'],
    zh: ['清关', '通关', '海关'],
  },
  { id: 'inspection', en: ['inspection', 'inspections', 'quarantine'], zh: ['检验', '检疫', '查验'] },
  { id: 'sps', en: ['sanitary', 'phytosanitary', 'food safety'], zh: ['卫生', '植物检疫', '食品安全'] },
  {
    id: 'agriculture',
    en: ['agricultural', 'agriculture', 'farm products', 'soybeans', 'beef', 'poultry'],
    zh: ['农产品', '农业', '大豆', '牛肉', '禽肉'],
  },
  {
    id: 'standards',
    en: ['standards', 'technical regulations', 'conformity assessment', 'certification'],
    zh: ['标准', '技术法规', '合格评定', '认证'],
  },
  {
    id: 'ip',
    en: ['intellectual property', 'patent', 'patents', 'trademark', 'trademarks', 'counterfeit', 'counterfeiting'],
    zh: ['知识产权', '专利', '商标', '假冒'],
  },
  {
    id: 'trade-secrets',
    en: ['trade secrets', 'trade secret', 'technology transfer', 'forced technology transfer'],
    zh: ['商业秘密', '技术转让', '强制技术转让'],
  },
  {
    id: 'licensing',
    en: ['licensing', 'licence', 'license', 'permit', 'approval', 'approvals'],
    zh: ['许可', '执照', '审批', '批准'],
  },
  {
    id: 'visas',
    en: ['business visa', 'business visas', 'visa', 'visas', 'business travel'],
    zh: ['商务签证', '签证', '商务旅行'],
  },
  {
    id: 'investment',
    en: ['investment', 'foreign investment', 'market access', 'joint venture', 'equity caps'],
    zh: ['投资', '外商投资', '市场准入', '合资', '股比限制'],
  },
  {
    id: 'cybersecurity',
    en: ['cybersecurity', 'cyber security', 'security review', 'network security'],
    zh: ['网络安全', '安全审查'],
  },
  { id: 'cloud', en: ['cloud services', 'cloud computing', 'cloud'], zh: ['云服务', '云计算'] },
  {
    id: 'semiconductors',
    en: ['semiconductors', 'semiconductor', 'chips', 'integrated circuits'],
    zh: ['半导体', '芯片', '集成电路'],
  },
  { id: 'solar', en: ['solar', 'photovoltaic', 'solar panels', 'solar cells'], zh: ['光伏', '太阳能', '太阳能电池'] },
  {
    id: 'electric-vehicles',
    en: ['electric vehicles', 'electric vehicle', 'ev', 'evs', 'batteries', 'battery'],
    zh: ['电动汽车', '新能源汽车', '电池'],
  },
  { id: 'steel', en: ['steel', 'aluminium', 'aluminum'], zh: ['钢铁', '钢材', '铝'] },
  { id: 'pharmaceuticals', en: ['pharmaceuticals', 'pharmaceutical', 'drugs', 'medicines'], zh: ['药品', '医药'] },
  {
    id: 'financial-services',
    en: ['financial services', 'banking', 'insurance', 'payments'],
    zh: ['金融服务', '银行', '保险', '支付'],
  },
  {
    id: 'transparency',
    en: ['transparency', 'notice and comment', 'publication of rules'],
    zh: ['透明度', '征求意见'],
  },
  { id: 'sanctions', en: ['sanctions', 'unreliable entity list'], zh: ['制裁', '不可靠实体清单'] },
  {
    id: 'rare-earths',
    en: ['rare earths', 'rare earth', 'critical minerals', 'gallium', 'germanium'],
    zh: ['稀土', '关键矿产', '镓', '锗'],
  },
  { id: 'payment-delays', en: ['late payment', 'payment delays', 'unpaid invoices'], zh: ['拖欠款项', '付款延迟'] },
  { id: 'labelling', en: ['labelling', 'labeling', 'labels', 'label requirements'], zh: ['标签', '标识'] },
  { id: 'registration', en: ['registration', 'facility registration', 'registered'], zh: ['注册', '登记'] },
];
