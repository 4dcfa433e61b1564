/**
 * A bilingual glossary of trade terms, kept in the project: each concept with
 * its English and Chinese wordings. A report and an issue that name the same
 * concept in either language match on it.
 *
 * English wordings are matched as whole words after the same normalisation as
 * the rest of the text (lower case, British and American spellings made one,
 * stemmed), so "export licences" matches "export license"; Chinese wordings are
 * matched as substrings. Where wordings overlap, the longest one found in the
 * text wins ("anti-dumping duties" is not also "duties"; 海关估价 is not also
 * 海关). `weight` (default 3) says how much a shared concept counts: 2 for
 * broad terms that many different problems share (tariffs, customs, approval),
 * 4 for names of one measure or one list (Section 232, the Entity List).
 *
 * Add real trade terms here, in both languages; the duplicate-finding bench
 * (`bench/similar-quality.ts`) shows what a change does.
 */
export interface GlossaryTerm {
  id: string;
  en: string[];
  zh: string[];
  weight?: number;
}

const BROAD = 2;
const NAMED = 4;

export const GLOSSARY: readonly GlossaryTerm[] = [
  // Digital trade and data
  {
    id: 'data-flows',
    en: [
      'cross-border data flows',
      'cross-border data',
      'data flows',
      'data transfer',
      'transfer data',
      'outbound data',
      'data export',
      'personal information export',
    ],
    zh: ['跨境数据流动', '跨境数据', '数据流动', '数据出境', '数据传输', '个人信息出境', '数据跨境', '跨境传输'],
  },
  {
    id: 'data-localisation',
    en: ['data localization', 'local storage of data', 'stored locally', 'store data locally'],
    zh: ['数据本地化', '本地存储', '境内存储', '境内服务器'],
  },
  {
    id: 'security-assessment',
    en: ['security assessment', 'data security assessment', 'security review of data'],
    zh: ['安全评估', '数据安全评估'],
  },
  { id: 'personal-information', en: ['personal information', 'personal data'], zh: ['个人信息'] },
  { id: 'important-data', en: ['important data', 'core data'], zh: ['重要数据', '核心数据'] },
  {
    id: 'standard-contract',
    en: ['standard contract', 'standard contractual clauses'],
    zh: ['标准合同', '标准合同条款'],
  },
  {
    id: 'cyberspace-administration',
    en: ['cyberspace administration', 'cac'],
    zh: ['网信部门', '网信办', '国家互联网信息办公室'],
  },
  {
    id: 'critical-infrastructure',
    en: ['critical information infrastructure', 'critical infrastructure'],
    zh: ['关键信息基础设施'],
  },
  {
    id: 'cybersecurity',
    en: ['cybersecurity', 'cyber security', 'network security', 'information security'],
    zh: ['网络安全', '信息安全'],
    weight: BROAD,
  },
  {
    id: 'cybersecurity-review',
    en: ['cybersecurity review', 'security review', 'multi-level protection scheme', 'mlps'],
    zh: ['网络安全审查', '安全审查', '等级保护', '等保'],
  },
  { id: 'source-code', en: ['source code'], zh: ['源代码', '源码'] },
  {
    id: 'network-equipment',
    en: ['network equipment', 'network switches', 'routers', 'firewall', 'critical network equipment'],
    zh: ['网络设备', '网络关键设备', '交换机', '路由器', '防火墙'],
    weight: BROAD,
  },
  { id: 'cloud', en: ['cloud services', 'cloud computing', 'cloud'], zh: ['云服务', '云计算'] },
  {
    id: 'data-centre',
    en: ['data center', 'internet data center', 'idc'],
    zh: ['数据中心', '机房', '互联网数据中心'],
    weight: BROAD,
  },
  {
    id: 'telecom-licence',
    en: ['value-added telecommunications', 'value-added telecom', 'telecommunications license', 'icp license'],
    zh: ['增值电信', '电信业务经营许可', '经营许可证'],
  },
  { id: 'cdn', en: ['content delivery network', 'cdn'], zh: ['内容分发网络'] },
  {
    id: 'telecommunications',
    en: ['telecommunications', 'telecom', 'communication equipment', 'telecom equipment'],
    zh: ['电信', '通信设备', '运营商'],
    weight: BROAD,
  },
  {
    id: 'software',
    en: ['software', 'operating system', 'operating systems'],
    zh: ['软件', '操作系统'],
    weight: BROAD,
  },
  { id: 'servers', en: ['servers', 'server', 'databases', 'database'], zh: ['服务器', '数据库'], weight: BROAD },
  { id: 'online-platforms', en: ['online platform', 'platform rules'], zh: ['网络平台', '平台规则'], weight: BROAD },
  {
    id: 'electronic-payments',
    en: ['electronic payment', 'payment services', 'payment business', 'payment license', 'payments'],
    zh: ['电子支付', '支付业务', '支付机构', '支付牌照'],
  },
  {
    id: 'card-clearing',
    en: ['bank card clearing', 'card clearing', 'card network', 'card payments'],
    zh: ['银行卡清算', '清算业务', '清算机构'],
  },
  {
    id: 'central-bank',
    en: ["people's bank of china", 'pboc', 'central bank'],
    zh: ['中国人民银行', '人民银行', '央行'],
  },
  {
    id: 'financial-services',
    en: ['financial services', 'banking', 'insurance', 'securities', 'asset management', 'bank', 'banks'],
    zh: ['金融服务', '银行', '保险', '证券', '资产管理', '券商', '金融'],
  },

  // Export controls and sanctions
  {
    id: 'export-controls',
    en: [
      'export controls',
      'export control',
      'export restrictions',
      'controlled items',
      'export administration regulations',
      'ear',
    ],
    zh: ['出口管制', '出口限制', '出口管理条例', '管制物项'],
  },
  {
    id: 'export-licence',
    en: ['export license', 'export licensing', 'license application'],
    zh: ['出口许可', '许可申请'],
  },
  { id: 'entity-list', en: ['entity list'], zh: ['实体清单'], weight: NAMED },
  {
    id: 'unreliable-entity-list',
    en: ['unreliable entity list'],
    zh: ['不可靠实体清单'],
    weight: NAMED,
  },
  {
    id: 'counter-sanctions',
    en: ['anti-foreign sanctions law', 'countermeasures', 'counter-sanctions'],
    zh: ['反外国制裁法', '反制措施', '反制裁'],
  },
  { id: 'sanctions', en: ['sanctions', 'sanctioned', 'ofac', 'sdn list'], zh: ['制裁'] },
  { id: 'end-use', en: ['end user', 'end-user', 'end use', 'end-user certificate'], zh: ['最终用户', '最终用途'] },
  { id: 'dual-use', en: ['dual-use', 'dual use items'], zh: ['两用物项'] },
  { id: 'presumption-of-denial', en: ['presumption of denial', 'presumed to be denied'], zh: ['推定拒绝'] },
  {
    id: 'semiconductors',
    en: ['semiconductors', 'semiconductor', 'chips', 'integrated circuits', 'wafers', 'fab'],
    zh: ['半导体', '芯片', '集成电路', '晶圆'],
  },
  {
    id: 'advanced-computing',
    en: ['advanced computing', 'artificial intelligence', 'ai chips', 'gpu', 'gpus', 'graphics processors'],
    zh: ['先进计算', '人工智能', '图形处理器', 'GPU'],
  },
  {
    id: 'chipmaking-equipment',
    en: ['semiconductor manufacturing equipment', 'lithography', 'etch', 'chipmaking tools'],
    zh: ['半导体制造设备', '光刻', '刻蚀'],
  },
  {
    id: 'critical-minerals',
    en: ['critical minerals', 'gallium', 'germanium', 'graphite', 'antimony'],
    zh: ['关键矿产', '镓', '锗', '石墨', '锑'],
  },
  {
    id: 'rare-earths',
    en: ['rare earths', 'rare earth', 'heavy rare earths', 'dysprosium', 'terbium', 'neodymium'],
    zh: ['稀土', '镝', '铽', '钕'],
  },
  { id: 'magnets', en: ['permanent magnets', 'magnets', 'magnet'], zh: ['永磁', '磁体', '磁铁'] },

  // Tariffs and trade remedies
  {
    id: 'tariffs',
    en: ['tariff', 'tariffs', 'customs duty', 'customs duties', 'duties', 'duty', 'levies'],
    zh: ['关税', '征税', '税率'],
    weight: BROAD,
  },
  {
    id: 'additional-tariffs',
    en: ['additional tariffs', 'additional duties', 'extra tariffs', 'punitive tariffs'],
    zh: ['加征关税', '加征的关税', '额外关税', '加征'],
  },
  {
    id: 'retaliatory-tariffs',
    en: ['retaliatory tariffs', 'retaliation', 'countermeasure duties', 'countermeasure tariffs'],
    zh: ['反制关税', '报复性关税', '对美加征'],
  },
  {
    id: 'tariff-exclusions',
    en: ['tariff exclusion', 'exclusion process', 'exclusions', 'exclusion'],
    zh: ['关税排除', '排除清单'],
  },
  { id: 'tariff-commission', en: ['customs tariff commission', 'tariff commission'], zh: ['关税税则委员会'] },
  {
    id: 'section-301',
    en: ['section 301', '301 duties', '301 tariffs', '301 action'],
    zh: ['301条款', '301关税', '301措施'],
    weight: NAMED,
  },
  { id: 'section-232', en: ['section 232', '232 tariffs'], zh: ['232条款', '232关税'], weight: NAMED },
  { id: 'derivative-products', en: ['derivative products', 'derivatives'], zh: ['衍生产品', '衍生品'] },
  { id: 'tariff-quota', en: ['tariff-rate quota', 'tariff rate quota', 'import quota'], zh: ['关税配额', '进口配额'] },
  { id: 'quotas', en: ['quota', 'quotas', 'annual quota'], zh: ['配额', '限额'], weight: BROAD },
  { id: 'anti-dumping', en: ['anti-dumping', 'antidumping', 'dumping'], zh: ['反倾销', '倾销'] },
  { id: 'countervailing', en: ['countervailing', 'countervailing duties'], zh: ['反补贴'] },
  { id: 'ad-cvd', en: ['ad/cvd', 'ad cvd'], zh: ['双反'] },
  { id: 'subsidies', en: ['subsidies', 'subsidy', 'state support'], zh: ['补贴', '扶持'] },
  { id: 'dumping-margin', en: ['dumping margin', 'margin of dumping'], zh: ['倾销幅度'] },
  { id: 'facts-available', en: ['facts available', 'adverse facts available'], zh: ['可获得事实'] },
  { id: 'questionnaire', en: ['questionnaire', 'respond to the investigation'], zh: ['问卷', '应诉'] },
  { id: 'circumvention', en: ['circumvention', 'circumvent', 'evade duties'], zh: ['规避'] },
  { id: 'cash-deposit', en: ['cash deposit', 'deposit rate'], zh: ['保证金'] },
  {
    id: 'trade-remedy-investigation',
    en: ['trade remedy', 'investigation', 'investigations'],
    zh: ['贸易救济', '调查'],
    weight: BROAD,
  },
  { id: 'safeguards', en: ['safeguard', 'safeguard measures'], zh: ['保障措施'] },
  { id: 'overcapacity', en: ['overcapacity', 'excess capacity'], zh: ['产能过剩', '过剩产能'] },
  { id: 'national-security', en: ['national security'], zh: ['国家安全'], weight: BROAD },

  // Customs
  {
    id: 'customs',
    en: ['customs', 'customs administration', 'cbp', 'customs and border protection', 'gacc', 'border'],
    zh: ['海关', '海关总署', '口岸'],
    weight: BROAD,
  },
  { id: 'customs-clearance', en: ['customs clearance', 'clearance', 'release'], zh: ['清关', '通关', '放行'] },
  {
    id: 'customs-valuation',
    en: ['customs valuation', 'customs value', 'dutiable value', 'valuation'],
    zh: ['海关估价', '完税价格', '估价'],
  },
  { id: 'royalties', en: ['royalties', 'royalty', 'license fees'], zh: ['特许权使用费'] },
  {
    id: 'transfer-pricing',
    en: ['transfer pricing', 'transfer prices', 'related-party', 'related party'],
    zh: ['转让定价', '特殊关系', '关联交易', '关联方'],
  },
  { id: 'post-clearance-audit', en: ['post-clearance audit', 'customs audit'], zh: ['稽查', '稽核'] },
  { id: 'vat', en: ['vat', 'value-added tax'], zh: ['增值税'] },
  { id: 'rules-of-origin', en: ['rules of origin', 'country of origin'], zh: ['原产地'] },
  {
    id: 'detention',
    en: ['detained', 'detention', 'held at the port', 'held at port', 'seized', 'withhold release'],
    zh: ['扣留', '扣货', '扣押', '被扣'],
  },
  { id: 'port', en: ['port', 'ports', 'port of'], zh: ['港口'], weight: BROAD },
  {
    id: 'de-minimis',
    en: ['de minimis', 'low-value parcel', 'low-value shipments', 'small parcels'],
    zh: ['小额包裹', '低值包裹', '小包裹', '小包'],
  },
  { id: 'parcels', en: ['parcel', 'parcels', 'postal shipments'], zh: ['包裹'], weight: BROAD },
  {
    id: 'cross-border-e-commerce',
    en: ['cross-border e-commerce', 'e-commerce', 'online marketplace', 'online marketplaces'],
    zh: ['跨境电商', '电商', '电子商务'],
  },
  { id: 'duty-free', en: ['duty free', 'duty-free', 'exemption'], zh: ['免税'] },
  { id: 'formal-entry', en: ['formal entry', 'customs declaration', 'entry data'], zh: ['报关', '海关申报'] },
  { id: 'logistics', en: ['logistics', 'delivery times', 'shipping costs'], zh: ['物流', '时效'], weight: BROAD },

  // Forced labour and supply chains
  {
    id: 'uflpa',
    en: ['uyghur forced labor prevention act', 'uflpa', 'forced labor'],
    zh: ['维吾尔强迫劳动预防法', '强迫劳动'],
    weight: NAMED,
  },
  { id: 'xinjiang', en: ['xinjiang'], zh: ['新疆'] },
  { id: 'supply-chain-tracing', en: ['tracing', 'traceability', 'trace'], zh: ['溯源', '追溯'] },
  { id: 'supply-chain', en: ['supply chain', 'supply chains'], zh: ['供应链'], weight: BROAD },
  { id: 'cotton', en: ['cotton'], zh: ['棉'] },
  { id: 'polysilicon', en: ['polysilicon', 'crystalline silicon'], zh: ['多晶硅', '晶体硅'] },

  // Investment
  {
    id: 'investment',
    en: ['investment', 'foreign investment', 'foreign-invested', 'investment project'],
    zh: ['投资', '外商投资', '外资'],
    weight: BROAD,
  },
  {
    id: 'market-access',
    en: ['market access', 'negative list', 'foreign ownership', 'majority foreign ownership'],
    zh: ['市场准入', '负面清单', '外资股比'],
  },
  { id: 'equity-caps', en: ['equity cap', 'equity caps', 'ownership cap', 'foreign equity'], zh: ['股比限制', '股比'] },
  {
    id: 'joint-venture',
    en: ['joint venture', 'joint ventures', 'local partner', 'chinese partner'],
    zh: ['合资', '中方合作伙伴'],
  },
  {
    id: 'investment-screening',
    en: [
      'cfius',
      'committee on foreign investment',
      'investment screening',
      'investment security review',
      'foreign investment review',
    ],
    zh: ['外国投资委员会', '外国投资安全审查', '外商投资安全审查', '投资审查'],
    weight: NAMED,
  },
  {
    id: 'divestment',
    en: ['divest', 'divestment', 'divestiture', 'forced sale', 'divest or be banned'],
    zh: ['剥离', '出售股份', '强制出售'],
  },
  { id: 'mitigation', en: ['mitigation', 'mitigation measures', 'mitigation agreement'], zh: ['缓解措施'] },
  {
    id: 'acquisition',
    en: ['acquisition', 'acquire', 'merger', 'takeover', 'stake'],
    zh: ['收购', '并购', '股份', '股权'],
    weight: BROAD,
  },
  {
    id: 'land-ownership',
    en: ['buying land', 'acquiring land', 'land purchase', 'agricultural land', 'real estate', 'land'],
    zh: ['购买土地', '农业用地', '房地产', '土地'],
  },
  {
    id: 'state-laws',
    en: ['state laws', 'state law', 'several states', 'state legislatures'],
    zh: ['州立法', '州法律', '多个州'],
  },
  { id: 'outbound-investment', en: ['outbound investment'], zh: ['对外投资'] },

  // Technology transfer and intellectual property
  {
    id: 'technology-transfer',
    en: ['forced technology transfer', 'technology transfer', 'transfer technology', 'know-how'],
    zh: ['强制技术转让', '技术转让', '转让技术', '技术诀窍'],
  },
  { id: 'technology-licensing', en: ['technology license'], zh: ['技术许可'] },
  {
    id: 'ip',
    en: ['intellectual property', 'ip rights', 'infringement', 'infringers', 'infringer'],
    zh: ['知识产权', '侵权', '维权'],
  },
  { id: 'trademarks', en: ['trademark', 'trademarks', 'brand name', 'logo'], zh: ['商标', '品牌'] },
  {
    id: 'trademark-squatting',
    en: ['bad-faith trademark', 'bad faith trademark', 'trademark squatting', 'squatting', 'bad-faith registration'],
    zh: ['恶意抢注', '抢注', '恶意注册'],
  },
  {
    id: 'invalidation',
    en: ['invalidation', 'opposition', 'oppositions', 'cancellation action'],
    zh: ['无效宣告', '异议', '撤销'],
  },
  { id: 'prior-use', en: ['prior use'], zh: ['在先使用'] },
  {
    id: 'counterfeits',
    en: ['counterfeit', 'counterfeits', 'counterfeiting', 'fake goods', 'fake'],
    zh: ['假冒', '假货', '仿冒'],
  },
  {
    id: 'takedown',
    en: ['takedown', 'notice-and-takedown', 'notice and takedown', 'take down'],
    zh: ['下架', '通知删除'],
  },
  { id: 'piracy', en: ['piracy', 'copyright'], zh: ['盗版', '著作权', '版权'] },
  { id: 'patents', en: ['patent', 'patents', 'patent enforcement', 'patent linkage'], zh: ['专利'] },
  { id: 'trade-secrets', en: ['trade secrets', 'trade secret', 'confidential business information'], zh: ['商业秘密'] },
  { id: 'misappropriation', en: ['misappropriation', 'misappropriated', 'theft'], zh: ['窃取', '侵犯商业秘密'] },
  { id: 'burden-of-proof', en: ['burden of proof', 'proof', 'evidence'], zh: ['举证', '证据'] },
  { id: 'evidence-preservation', en: ['evidence preservation', 'preservation order'], zh: ['证据保全'] },
  { id: 'damages', en: ['damages', 'compensation'], zh: ['赔偿'] },
  { id: 'courts', en: ['court', 'courts', 'litigation', 'lawsuit'], zh: ['法院', '诉讼', '胜诉'], weight: BROAD },
  {
    id: 'data-exclusivity',
    en: ['regulatory data protection', 'data exclusivity', 'test data', 'clinical data', 'undisclosed test data'],
    zh: ['数据保护', '试验数据', '临床数据', '未披露试验数据'],
  },
  { id: 'generics', en: ['generic', 'generics', 'generic drugs', 'biosimilar'], zh: ['仿制药', '仿制'] },
  {
    id: 'originator',
    en: ['originator', 'innovator', 'innovative medicines', 'innovative drugs'],
    zh: ['原研', '创新药'],
  },

  // Government procurement
  {
    id: 'procurement',
    en: ['government procurement', 'public procurement', 'procurement', 'tender', 'tenders', 'bid', 'bids', 'bidding'],
    zh: ['政府采购', '采购', '招标', '投标'],
  },
  {
    id: 'domestic-preference',
    en: [
      'domestic products',
      'domestically made',
      'domestic brands',
      'buy national',
      'buy american',
      'replace foreign',
      'local products',
    ],
    zh: ['国产', '本国产品', '国内品牌', '国产品牌', '优先采购'],
  },
  {
    id: 'secure-and-reliable',
    en: ['secure and reliable', 'secure and controllable'],
    zh: ['安全可靠', '安全可控', '信创'],
  },
  {
    id: 'volume-based-procurement',
    en: ['volume-based procurement', 'centralized procurement', 'bulk procurement'],
    zh: ['带量采购', '集中采购', '带量集中采购'],
  },
  { id: 'hospitals', en: ['hospital', 'hospitals', 'public hospitals'], zh: ['医院', '公立医院'] },
  { id: 'ndaa', en: ['defense authorization act', 'ndaa'], zh: ['国防授权法'], weight: NAMED },
  {
    id: 'grants',
    en: ['grant money', 'federal grants', 'grants', 'federal funds'],
    zh: ['资助资金', '联邦资助', '财政资金'],
  },
  {
    id: 'federal-agencies',
    en: ['federal agencies', 'federal government', 'federal'],
    zh: ['联邦机构', '联邦政府', '联邦'],
    weight: BROAD,
  },

  // Health products and cosmetics
  {
    id: 'medical-devices',
    en: ['medical devices', 'medical device', 'medical equipment', 'medical consumables'],
    zh: ['医疗器械', '医疗设备', '医用耗材'],
  },
  {
    id: 'device-types',
    en: ['ct scanners', 'ultrasound', 'mri', 'pacemaker', 'implants', 'stents'],
    zh: ['磁共振', '超声', '起搏器', '植入物', '支架'],
    weight: BROAD,
  },
  {
    id: 'nmpa',
    en: ['nmpa', 'national medical products administration'],
    zh: ['国家药监局', '药监局', '药品监督管理局'],
  },
  { id: 'clinical-trials', en: ['clinical trial', 'clinical trials', 'trials'], zh: ['临床试验'] },
  {
    id: 'type-testing',
    en: ['type testing', 'testing', 'tested', 'test reports', 'laboratory', 'laboratories', 'lab'],
    zh: ['检验', '检测', '实验室', '送样'],
    weight: BROAD,
  },
  {
    id: 'registration',
    en: ['registration', 'registrations', 'registered', 'register'],
    zh: ['注册', '登记', '备案'],
    weight: BROAD,
  },
  {
    id: 'pharmaceuticals',
    en: ['pharmaceuticals', 'pharmaceutical', 'drugs', 'drug', 'medicines', 'biologic'],
    zh: ['药品', '医药', '药企', '药物'],
  },
  { id: 'reimbursement', en: ['reimbursement', 'reimbursement list', 'nrdl'], zh: ['医保目录', '报销'] },
  { id: 'cosmetics', en: ['cosmetics', 'cosmetic', 'skincare', 'beauty products'], zh: ['化妆品', '护肤品'] },
  {
    id: 'ingredients',
    en: ['ingredient', 'ingredients', 'formula', 'raw material', 'raw materials'],
    zh: ['原料', '配方', '成分'],
  },
  { id: 'animal-testing', en: ['animal testing', 'animal test'], zh: ['动物试验'] },
  {
    id: 'safety-assessment',
    en: ['safety assessment', 'safety information', 'safety data'],
    zh: ['安全评估资料', '安全信息'],
  },

  // Agriculture, food, sanitary and phytosanitary measures
  {
    id: 'sps',
    en: ['sanitary', 'phytosanitary', 'food safety', 'veterinary'],
    zh: ['卫生', '植物检疫', '食品安全', '兽药'],
  },
  {
    id: 'inspection',
    en: ['inspection', 'inspections', 'quarantine', 'sample', 'sampling'],
    zh: ['检疫', '查验', '抽检', '工厂检查'],
  },
  {
    id: 'facility-registration',
    en: ['facility registration', 'overseas food facility', 'plant registration', 'establishment registration'],
    zh: ['境外生产企业注册', '生产企业注册'],
  },
  {
    id: 'import-alert',
    en: ['import alert', 'automatic detention', 'detention without physical examination'],
    zh: ['进口警报', '自动扣留'],
  },
  { id: 'fda', en: ['fda', 'food and drug administration'], zh: ['食品药品监督管理局'], weight: NAMED },
  { id: 'residues', en: ['residue', 'residues'], zh: ['残留'] },
  {
    id: 'agriculture',
    en: ['agricultural', 'agriculture', 'farm products', 'farmers', 'grain', 'crops', 'farm goods'],
    zh: ['农产品', '农业', '粮食', '农民'],
    weight: BROAD,
  },
  { id: 'soybeans', en: ['soybeans', 'soybean', 'soy'], zh: ['大豆'] },
  { id: 'corn', en: ['corn', 'maize', 'sorghum'], zh: ['玉米', '高粱'] },
  { id: 'meat', en: ['beef', 'pork', 'meat'], zh: ['牛肉', '猪肉', '肉类'] },
  {
    id: 'poultry',
    en: ['poultry', 'chicken', 'chicken paws', 'turkey', 'eggs'],
    zh: ['禽肉', '鸡肉', '鸡爪', '火鸡', '禽蛋', '家禽'],
  },
  { id: 'seafood', en: ['seafood', 'aquatic products', 'fish', 'shrimp'], zh: ['水产品', '海产品', '鱼', '虾'] },
  {
    id: 'biotech',
    en: [
      'agricultural biotechnology',
      'biotech traits',
      'genetically engineered',
      'genetically modified',
      'gmo',
      'traits',
    ],
    zh: ['农业转基因', '转基因', '性状'],
  },
  { id: 'safety-certificate', en: ['safety certificate', 'safety certificates'], zh: ['安全证书'] },
  { id: 'seeds', en: ['seeds', 'seed'], zh: ['种子'] },

  // Standards, testing and certification
  {
    id: 'standards',
    en: ['standards', 'standard', 'technical regulations', 'standard-setting'],
    zh: ['标准', '技术法规'],
  },
  {
    id: 'national-standards',
    en: ['national standards', 'national standard', 'industry standards'],
    zh: ['国家标准', '行业标准'],
  },
  {
    id: 'technical-committee',
    en: ['technical committee', 'working groups', 'standards committee'],
    zh: ['技术委员会', '标准化技术委员会', '工作组'],
  },
  {
    id: 'certification',
    en: ['certification', 'certificates', 'certified', 'conformity assessment'],
    zh: ['认证', '合格评定'],
  },
  {
    id: 'ccc',
    en: ['china compulsory certification', 'ccc', 'compulsory certification'],
    zh: ['强制性产品认证', 'CCC', '强制认证'],
    weight: NAMED,
  },
  {
    id: 'designated-bodies',
    en: ['designated laboratories', 'designated bodies', 'designated lab'],
    zh: ['指定实验室', '指定机构', '指定检验机构'],
  },
  {
    id: 'equipment-authorization',
    en: ['equipment authorization', 'equipment authorizations'],
    zh: ['设备授权', '设备认证'],
  },
  {
    id: 'fcc',
    en: ['fcc', 'federal communications commission', 'covered list'],
    zh: ['联邦通信委员会', '涵盖清单'],
    weight: NAMED,
  },
  { id: 'labelling', en: ['labeling', 'labels', 'label requirements'], zh: ['标签', '标识'] },

  // Licensing, approvals, transparency
  {
    id: 'licensing',
    en: ['licensing', 'license', 'licenses', 'permit', 'permits', 'business license'],
    zh: ['许可', '执照', '牌照', '许可证'],
    weight: BROAD,
  },
  {
    id: 'approval',
    en: ['approval', 'approvals', 'approve', 'approved', 'pending', 'review'],
    zh: ['审批', '批准', '获批', '审查', '审评'],
    weight: BROAD,
  },
  {
    id: 'transparency',
    en: ['transparency', 'opaque', 'unclear'],
    zh: ['透明度', '不透明', '不明确', '不清楚'],
    weight: BROAD,
  },
  { id: 'public-comment', en: ['notice and comment', 'public comment', 'comment period'], zh: ['征求意见'] },
  {
    id: 'local-enforcement',
    en: ['local regulators', 'local officials', 'provincial', 'local authorities', 'local governments'],
    zh: ['地方政府', '各地'],
    weight: BROAD,
  },

  // People and mobility
  { id: 'visas', en: ['business visa', 'business visas', 'visa', 'visas', 'b-1'], zh: ['商务签证', '签证'] },
  {
    id: 'administrative-processing',
    en: ['administrative processing', 'interview', 'consulates', 'consulate'],
    zh: ['行政审查', '面谈', '领事馆'],
  },
  { id: 'exit-bans', en: ['exit ban', 'exit bans', 'barred from leaving'], zh: ['限制出境', '出境限制', '禁止出境'] },
  {
    id: 'commercial-disputes',
    en: ['commercial dispute', 'commercial disputes', 'civil and commercial', 'business dispute'],
    zh: ['商业纠纷', '民商事纠纷', '商事纠纷', '纠纷'],
  },
  {
    id: 'business-travel',
    en: ['business travel', 'travel', 'delegation', 'trade fair', 'trade fairs'],
    zh: ['商务旅行', '代表团', '展会', '来华', '赴美'],
    weight: BROAD,
  },
  {
    id: 'work-permits',
    en: ['work permit', 'work permits', 'foreign staff', 'foreign employees', 'expatriate'],
    zh: ['工作许可', '外籍员工', '外国员工'],
  },

  // Industries and goods
  { id: 'steel', en: ['steel', 'steel wire', 'steel products'], zh: ['钢铁', '钢材', '钢丝', '钢'] },
  { id: 'aluminium', en: ['aluminum', 'aluminum extrusions', 'aluminum products'], zh: ['铝', '铝型材'] },
  { id: 'fasteners', en: ['fasteners', 'screws', 'bolts'], zh: ['紧固件', '螺丝', '螺栓'] },
  { id: 'solar', en: ['solar', 'photovoltaic', 'solar panels', 'solar cells'], zh: ['光伏', '太阳能', '太阳能电池'] },
  { id: 'batteries', en: ['battery', 'batteries', 'battery chemistry'], zh: ['电池'] },
  {
    id: 'electric-vehicles',
    en: ['electric vehicles', 'electric vehicle', 'ev', 'evs', 'new energy vehicles'],
    zh: ['电动汽车', '新能源汽车'],
  },
  {
    id: 'connected-vehicles',
    en: [
      'connected vehicle',
      'connected vehicles',
      'vehicle connectivity',
      'telematics',
      'automated driving',
      'lidar',
      'in-car',
    ],
    zh: ['联网汽车', '网联汽车', '车联网', '自动驾驶', '激光雷达', '车载'],
  },
  {
    id: 'automotive',
    en: ['cars', 'car makers', 'automakers', 'auto parts', 'vehicles'],
    zh: ['汽车', '主机厂', '汽车零部件', '车型'],
    weight: BROAD,
  },
  { id: 'drones', en: ['drones', 'drone', 'unmanned aircraft', 'unmanned aircraft systems', 'uas'], zh: ['无人机'] },
  {
    id: 'cameras',
    en: ['cameras', 'camera', 'video surveillance', 'surveillance'],
    zh: ['摄像头', '视频监控', '监控'],
  },
  {
    id: 'shipping',
    en: [
      'vessels',
      'ships',
      'shipbuilding',
      'shipping companies',
      'liner services',
      'port call',
      'port calls',
      'charter',
    ],
    zh: ['船舶', '造船', '航运', '班轮', '靠港', '挂靠', '租船'],
  },
  { id: 'port-fees', en: ['port fees', 'port fee', 'port service fees'], zh: ['港口费', '港口服务费'] },
  { id: 'furniture', en: ['furniture'], zh: ['家具'] },
  {
    id: 'machinery',
    en: ['machinery', 'machinery parts', 'electric motors', 'motors', 'power tools'],
    zh: ['机械', '电机', '电动工具', '零部件'],
    weight: BROAD,
  },
  { id: 'textiles', en: ['garments', 'apparel', 'clothing', 'textiles'], zh: ['服装', '纺织品', '服饰'] },
  {
    id: 'chemicals',
    en: ['chemicals', 'plastics', 'engineering plastics', 'resin', 'copolymer', 'polymer'],
    zh: ['化工', '塑料', '工程塑料', '树脂', '共聚'],
  },
  { id: 'computers', en: ['computers', 'desktop computers', 'laptops', 'pcs'], zh: ['电脑', '计算机'] },
  { id: 'pharma-oncology', en: ['oncology', 'cancer'], zh: ['抗肿瘤', '肿瘤', '癌症'] },
  { id: 'aerospace', en: ['aerospace', 'aircraft', 'aviation'], zh: ['航空', '航天', '飞机'] },
  {
    id: 'defence',
    en: ['defense', 'defense contractor', 'defense firms', 'military'],
    zh: ['防务', '国防', '军工', '军事'],
  },
  { id: 'electrical', en: ['electrical components', 'electrical', 'appliances'], zh: ['电器', '元器件', '电器元件'] },

  // More services, security and technology
  {
    id: 'legal-services',
    en: ['legal services', 'law firm', 'law firms', 'lawyers', 'lawyer', 'practise law', 'practice law'],
    zh: ['法律服务', '律师事务所', '律所', '律师', '法律事务'],
  },
  { id: 'representative-office', en: ['representative office', 'representative offices'], zh: ['代表处', '代表机构'] },
  {
    id: 'express-delivery',
    en: ['express delivery', 'express business', 'courier', 'couriers', 'express carriers'],
    zh: ['快递', '快件', '寄递'],
  },
  { id: 'postal', en: ['postal', 'postal bureau', 'post office'], zh: ['邮政', '邮政管理部门'] },
  {
    id: 'audiovisual',
    en: ['films', 'film', 'movies', 'movie', 'box office', 'cinemas', 'audiovisual', 'streaming', 'television'],
    zh: ['电影', '影片', '票房', '影院', '视听', '流媒体', '电视'],
  },
  { id: 'revenue-sharing', en: ['revenue sharing', 'revenue-sharing', 'revenue share'], zh: ['分账'] },
  {
    id: 'accounting-services',
    en: ['accounting', 'accountants', 'audit firms', 'audit working papers'],
    zh: ['会计', '会计师事务所', '审计底稿'],
  },
  {
    id: 'due-diligence',
    en: ['due diligence', 'background checks', 'consultancy', 'consultancies', 'consulting firms'],
    zh: ['尽职调查', '背景调查', '咨询公司', '咨询机构'],
  },
  {
    id: 'espionage',
    en: ['counter-espionage', 'anti-espionage', 'espionage', 'state security'],
    zh: ['反间谍法', '间谍', '国家安全机关'],
  },
  { id: 'raids', en: ['raided', 'raids', 'raid', 'searched', 'questioned'], zh: ['搜查', '突击检查', '询问'] },
  {
    id: 'market-regulator',
    en: ['state administration for market regulation', 'samr', 'market regulator'],
    zh: ['市场监管总局', '国家市场监督管理总局', '市场监管部门'],
  },
  {
    id: 'merger-notification',
    en: ['merger notification', 'notification', 'refile', 'filing'],
    zh: ['重新申报', '申报经营者集中'],
    weight: BROAD,
  },
  {
    id: 'venture-capital',
    en: ['venture capital', 'venture funds', 'private equity', 'limited partners', 'investors', 'fund'],
    zh: ['风险投资', '创投', '私募股权', '有限合伙人', '投资方', '投资者', '基金'],
  },
  { id: 'start-ups', en: ['start-up', 'start-ups', 'startup', 'startups'], zh: ['初创企业', '初创公司'] },
  { id: 'treasury', en: ['treasury', 'department of the treasury'], zh: ['财政部'] },
  { id: 'quantum', en: ['quantum computing', 'quantum'], zh: ['量子计算', '量子'] },
  {
    id: 'biotechnology',
    en: ['biotechnology', 'biotech companies', 'biotechnology companies', 'life sciences'],
    zh: ['生物技术', '生物科技', '生命科学'],
  },
  {
    id: 'biosecure',
    en: ['biosecure act', 'biosecure', 'biotechnology companies of concern'],
    zh: ['生物安全法案', '受关注生物技术公司'],
    weight: NAMED,
  },
  {
    id: 'contract-manufacturing',
    en: ['contract manufacturing', 'cdmo', 'contract development', 'contract research', 'cro', 'outsourcing'],
    zh: ['合同生产', '定制研发生产', '研发外包', '外包'],
  },
  {
    id: 'apps',
    en: ['app', 'apps', 'application', 'applications', 'app store', 'app stores', 'mobile game', 'game'],
    zh: ['应用程序', '应用商店', '手机应用', '游戏'],
  },
  { id: 'social-media', en: ['social media', 'social network'], zh: ['社交媒体', '社交网络'] },
  { id: 'icts', en: ['information and communications technology', 'icts', 'ict supply chain'], zh: ['信息通信技术'] },
  { id: 'data-security', en: ['data security', 'user data', 'data protection law'], zh: ['数据安全', '用户数据'] },
  {
    id: 'battery-materials',
    en: ['anode material', 'anode', 'cathode', 'active anode material', 'battery materials'],
    zh: ['负极材料', '负极', '正极', '电池材料'],
  },
  {
    id: 'determinations',
    en: ['preliminary determination', 'final determination', 'preliminary rates', 'final rates'],
    zh: ['初裁', '终裁'],
  },

  // More food and agriculture
  {
    id: 'animal-disease',
    en: ['animal disease', 'outbreak', 'outbreaks', 'epidemic'],
    zh: ['动物疫病', '疫情', '疫区'],
  },
  {
    id: 'avian-influenza',
    en: ['avian influenza', 'bird flu', 'highly pathogenic avian influenza', 'hpai'],
    zh: ['禽流感', '高致病性禽流感'],
  },
  { id: 'swine-fever', en: ['african swine fever', 'swine fever', 'asf'], zh: ['非洲猪瘟', '猪瘟'] },
  { id: 'foot-and-mouth', en: ['foot-and-mouth disease', 'foot and mouth disease'], zh: ['口蹄疫'] },
  {
    id: 'regionalisation',
    en: ['regionalization', 'zoning', 'county level', 'affected county', 'affected area'],
    zh: ['区域化', '区域化管理', '以县为单位'],
  },
  {
    id: 'import-suspension',
    en: ['suspends imports', 'suspension', 'suspended', 'import ban', 'shut out'],
    zh: ['暂停进口', '禁止进口', '暂停', '停止进口'],
  },
  {
    id: 'ractopamine',
    en: ['ractopamine', 'beta-agonists', 'growth hormones', 'hormones'],
    zh: ['莱克多巴胺', '瘦肉精', '激素'],
  },
  { id: 'pesticides', en: ['pesticide', 'pesticides', 'maximum residue limits', 'mrls'], zh: ['农药', '最大残留限量'] },
  { id: 'dairy', en: ['dairy', 'infant formula', 'milk powder'], zh: ['乳制品', '婴幼儿配方乳粉', '奶粉'] },
  {
    id: 'wine-spirits',
    en: ['wine', 'spirits', 'brandy', 'whiskey', 'bourbon'],
    zh: ['葡萄酒', '烈酒', '白兰地', '威士忌'],
  },
  {
    id: 'fruit-nuts',
    en: ['fruit', 'fresh fruit', 'apples', 'cherries', 'tree nuts', 'almonds'],
    zh: ['水果', '苹果', '樱桃', '坚果', '杏仁'],
  },
  { id: 'pet-food', en: ['pet food'], zh: ['宠物食品'] },

  // More trade measures
  {
    id: 'reciprocal-tariffs',
    en: ['reciprocal tariffs', 'ieepa', 'international emergency economic powers act', 'fentanyl tariffs'],
    zh: ['对等关税', '国际紧急经济权力法', '芬太尼关税'],
    weight: NAMED,
  },
  { id: 'mfn', en: ['most-favored-nation', 'most favored nation', 'mfn'], zh: ['最惠国'] },
  {
    id: 'classification',
    en: ['tariff classification', 'customs classification', 'classification', 'advance ruling', 'advance rulings'],
    zh: ['商品归类', '归类', '预裁定'],
  },
  {
    id: 'foreign-direct-product-rule',
    en: ['foreign direct product rule', 'fdpr', 'de minimis rule'],
    zh: ['外国直接产品规则'],
    weight: NAMED,
  },
  {
    id: 'military-end-user',
    en: ['military end user', 'military end-user', 'military end use'],
    zh: ['军事最终用户', '军事最终用途'],
  },
  { id: 'deemed-export', en: ['deemed export', 'deemed exports'], zh: ['视同出口'] },
  { id: 'geographical-indications', en: ['geographical indication', 'geographical indications'], zh: ['地理标志'] },
  { id: 'utility-models', en: ['utility model', 'utility models', 'design patents'], zh: ['实用新型', '外观设计'] },
  {
    id: 'administrative-enforcement',
    en: ['administrative enforcement', 'raids on counterfeiters', 'market supervision'],
    zh: ['行政执法', '行政查处'],
  },
  {
    id: 'recycled-materials',
    en: ['recycled materials', 'scrap', 'solid waste'],
    zh: ['再生原料', '废料', '固体废物'],
  },
  {
    id: 'carbon',
    en: ['carbon border', 'carbon emissions', 'emissions', 'carbon footprint'],
    zh: ['碳边境', '碳排放', '排放', '碳足迹'],
  },
  {
    id: 'energy',
    en: ['lng', 'liquefied natural gas', 'crude oil', 'coal', 'energy'],
    zh: ['液化天然气', '原油', '煤炭', '能源'],
    weight: BROAD,
  },
  {
    id: 'taxation',
    en: ['tax', 'taxes', 'taxed', 'double taxation', 'permanent establishment', 'withholding tax'],
    zh: ['税收', '税负', '双重征税', '常设机构', '预提所得税', '纳税'],
    weight: BROAD,
  },
  { id: 'social-insurance', en: ['social insurance', 'social security contributions'], zh: ['社会保险', '社保'] },
  {
    id: 'electronics',
    en: ['electronics', 'consumer electronics', 'smartphones', 'smartphone', 'phones'],
    zh: ['电子产品', '消费电子', '智能手机', '手机'],
  },
  { id: 'toys-footwear', en: ['toys', 'footwear', 'shoes', 'sporting goods'], zh: ['玩具', '鞋', '体育用品'] },
  {
    id: 'medical-diagnostics',
    en: ['diagnostics', 'in vitro diagnostic', 'vaccines', 'vaccine'],
    zh: ['体外诊断', '诊断试剂', '疫苗'],
  },
  {
    id: 'free-trade-zones',
    en: ['free trade zone', 'pilot free trade zone', 'pilot zone'],
    zh: ['自贸区', '自由贸易试验区', '试点'],
  },

  // Agencies
  {
    id: 'us-commerce',
    en: ['commerce department', 'department of commerce', 'bis', 'bureau of industry and security'],
    zh: ['美国商务部', '工业与安全局'],
  },
  { id: 'mofcom', en: ['ministry of commerce', 'mofcom'], zh: ['商务部'] },
  { id: 'ustr', en: ['ustr', 'trade representative'], zh: ['美国贸易代表办公室', '贸易代表'] },
  { id: 'agriculture-ministry', en: ['agriculture ministry', 'ministry of agriculture'], zh: ['农业农村部', '农业部'] },

  // Other common barriers
  { id: 'payment-delays', en: ['late payment', 'payment delays', 'unpaid invoices'], zh: ['拖欠款项', '付款延迟'] },
  {
    id: 'state-owned-enterprises',
    en: ['state-owned enterprises', 'state-owned', 'soe', 'soes'],
    zh: ['国有企业', '国企'],
  },
  {
    id: 'antitrust',
    en: ['antitrust', 'anti-monopoly', 'competition law', 'merger review'],
    zh: ['反垄断', '经营者集中'],
  },
  {
    id: 'discrimination',
    en: ['discriminatory', 'discrimination', 'less favourable treatment', 'favor', 'favors'],
    zh: ['歧视', '不利地位', '倾向', '偏向'],
    weight: BROAD,
  },
  {
    id: 'delays',
    en: ['delay', 'delays', 'delayed', 'waited', 'waiting', 'slow', 'stalled'],
    zh: ['延误', '延迟', '推迟', '等待', '缓慢', '迟迟', '周期长'],
    weight: 1,
  },
  { id: 'costs', en: ['cost', 'costs', 'price', 'prices', 'expensive'], zh: ['成本', '费用', '价格'], weight: 1 },
];

/**
 * Broader concepts: a report that names a narrower one also names these (an
 * Entity List listing is an export control; 海关估价 is a customs matter), so
 * that a report naming the measure and one naming only its kind still meet.
 */
export const BROADER: Readonly<Record<string, readonly string[]>> = {
  'cybersecurity-review': ['cybersecurity'],
  'critical-infrastructure': ['cybersecurity'],
  'telecom-licence': ['licensing', 'telecommunications'],
  cdn: ['telecommunications'],
  'card-clearing': ['electronic-payments'],
  'electronic-payments': ['financial-services'],
  'export-licence': ['export-controls', 'licensing'],
  'entity-list': ['export-controls'],
  'presumption-of-denial': ['export-licence'],
  'end-use': ['export-controls'],
  'dual-use': ['export-controls'],
  'chipmaking-equipment': ['semiconductors'],
  'advanced-computing': ['semiconductors'],
  'rare-earths': ['critical-minerals'],
  'unreliable-entity-list': ['counter-sanctions'],
  'counter-sanctions': ['sanctions'],
  'additional-tariffs': ['tariffs'],
  'retaliatory-tariffs': ['additional-tariffs'],
  'tariff-exclusions': ['tariffs'],
  'tariff-commission': ['tariffs'],
  'section-301': ['additional-tariffs'],
  'section-232': ['additional-tariffs'],
  'anti-dumping': ['trade-remedy-investigation'],
  countervailing: ['trade-remedy-investigation', 'subsidies'],
  'ad-cvd': ['anti-dumping', 'countervailing'],
  'dumping-margin': ['anti-dumping'],
  safeguards: ['trade-remedy-investigation'],
  'customs-clearance': ['customs'],
  'customs-valuation': ['customs'],
  'post-clearance-audit': ['customs'],
  'rules-of-origin': ['customs'],
  'import-alert': ['detention'],
  'de-minimis': ['duty-free', 'parcels'],
  'investment-screening': ['investment'],
  'market-access': ['investment'],
  'equity-caps': ['market-access'],
  'joint-venture': ['investment'],
  'outbound-investment': ['investment'],
  'trademark-squatting': ['trademarks'],
  trademarks: ['ip'],
  counterfeits: ['ip'],
  piracy: ['ip'],
  patents: ['ip'],
  'trade-secrets': ['ip'],
  misappropriation: ['trade-secrets'],
  'data-exclusivity': ['ip'],
  'volume-based-procurement': ['procurement'],
  'secure-and-reliable': ['domestic-preference'],
  'device-types': ['medical-devices'],
  'facility-registration': ['registration'],
  soybeans: ['agriculture'],
  corn: ['agriculture'],
  meat: ['agriculture'],
  seafood: ['agriculture'],
  biotech: ['agriculture'],
  seeds: ['agriculture'],
  'national-standards': ['standards'],
  'technical-committee': ['standards'],
  ccc: ['certification'],
  'designated-bodies': ['type-testing'],
  'equipment-authorization': ['certification'],
  fcc: ['equipment-authorization'],
  visas: ['business-travel'],
  'administrative-processing': ['visas'],
  'exit-bans': ['business-travel'],
  'electric-vehicles': ['automotive'],
  'connected-vehicles': ['automotive'],
  'port-fees': ['shipping', 'port'],
  polysilicon: ['solar'],
  'tariff-quota': ['quotas', 'tariffs'],
  poultry: ['agriculture'],
  'express-delivery': ['logistics'],
  'revenue-sharing': ['audiovisual'],
  espionage: ['national-security'],
  'market-regulator': ['antitrust'],
  'venture-capital': ['investment'],
  biosecure: ['biotechnology'],
  'social-media': ['apps'],
  icts: ['telecommunications'],
  'battery-materials': ['batteries'],
  determinations: ['trade-remedy-investigation'],
  'avian-influenza': ['animal-disease', 'poultry'],
  'swine-fever': ['animal-disease', 'meat'],
  'foot-and-mouth': ['animal-disease'],
  'animal-disease': ['sps'],
  regionalisation: ['sps'],
  ractopamine: ['residues', 'meat'],
  pesticides: ['residues'],
  dairy: ['agriculture'],
  'fruit-nuts': ['agriculture'],
  'reciprocal-tariffs': ['additional-tariffs'],
  classification: ['customs'],
  'foreign-direct-product-rule': ['export-controls'],
  'military-end-user': ['end-use'],
  'deemed-export': ['export-controls'],
  'geographical-indications': ['ip'],
  'utility-models': ['patents'],
};
