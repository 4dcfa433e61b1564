/**
 * Bundles the readout generator was not written for (issue 6, acceptance 2):
 * a joint statement of a two-day ministerial meeting with five chairs, and the
 * 27th meeting of a long-running commission, held by video. Invented for the
 * tests; every fact in them is one the tests look for in the readouts.
 */

/** Canada–Mexico, second ministerial meeting, Mexico City, two days, five co-chairs, a joint statement. */
export const JOINT_BUNDLE = {
  format: 'parley-dialogue/1',
  dialogue: {
    key: 'ca-mx-hled',
    names: [{ side: null, text: { en: 'Canada-Mexico High-Level Economic Dialogue', zh: '加墨高级别经济对话' } }],
    level: 'ministerial',
    mandate: {
      en: 'Deepen trade and investment between the two countries and resolve market access problems.',
      zh: '深化两国贸易和投资，解决市场准入问题。',
    },
    established: {
      date: '2021-11-18',
      place: { city: { en: 'Ottawa', zh: '渥太华' }, country: 'CA' },
      by: ['ca-trade', 'mx-economy'],
    },
    sides: [
      {
        key: 'ca',
        country: 'CA',
        agency: { en: 'Global Affairs Canada', zh: '加拿大全球事务部' },
        pressContact: { office: { en: 'Media Relations Office', zh: '媒体关系办公室' }, email: 'media@example.ca' },
        about: {
          en: 'Global Affairs Canada manages Canada’s trade relations.',
          zh: '加拿大全球事务部负责加拿大的贸易关系。',
        },
      },
      {
        key: 'mx',
        country: 'MX',
        agency: { en: 'Secretariat of Economy', zh: '墨西哥经济部' },
        pressContact: { office: { en: 'Social Communication Unit', zh: '社会传播司' }, phone: '+52 55 0000 0000' },
      },
    ],
    people: [
      {
        key: 'ca-trade',
        side: 'ca',
        name: { en: 'Alice Tremblay', zh: '特朗布莱' },
        title: { en: 'Minister of International Trade', zh: '国际贸易部长' },
      },
      {
        key: 'ca-finance',
        side: 'ca',
        name: { en: 'Bruno Roy', zh: '鲁瓦' },
        title: { en: 'Minister of Finance', zh: '财政部长' },
      },
      {
        key: 'mx-economy',
        side: 'mx',
        name: { en: 'Carmen Ortiz', zh: '奥尔蒂斯' },
        title: { en: 'Secretary of Economy', zh: '经济部长' },
      },
      {
        key: 'mx-finance',
        side: 'mx',
        name: { en: 'Diego Salas', zh: '萨拉斯' },
        title: { en: 'Secretary of Finance', zh: '财政部长' },
      },
      // No Chinese title on record: the Chinese readout must fall back to English and mark it.
      {
        key: 'mx-agriculture',
        side: 'mx',
        name: { en: 'Elena Vega', zh: '维加' },
        title: { en: 'Secretary of Agriculture' },
      },
    ],
    principles: [
      {
        side: 'ca',
        kind: 'non-negotiable',
        topic: 'supply-management',
        text: { en: 'Canada does not negotiate on supply management.', zh: '加方不就供应管理进行谈判。' },
      },
    ],
  },
  issues: [
    {
      key: 'steel-safeguards',
      title: { en: 'Steel safeguard measures', zh: '钢铁保障措施' },
      raisedBy: 'ca',
      respondent: 'mx',
      category: 'trade-remedies',
      topics: [],
      status: 'open',
      visibility: 'public',
    },
    {
      key: 'dairy-access',
      title: { en: 'Dairy market access', zh: '乳制品市场准入' },
      raisedBy: 'mx',
      respondent: 'ca',
      category: 'import-policies',
      topics: ['supply-management'],
      status: 'open',
      visibility: 'public',
    },
    {
      key: 'border-wait-times',
      title: { en: 'Border wait times for trucks', zh: '卡车过境等待时间' },
      raisedBy: 'mx',
      respondent: 'ca',
      category: 'customs',
      topics: [],
      status: 'open',
      visibility: 'public',
    },
  ],
  meetings: [
    {
      key: 'hled-2',
      number: 2,
      date: '2025-06-10',
      endDate: '2025-06-11',
      format: 'in-person',
      place: { city: { en: 'Mexico City', zh: '墨西哥城' }, country: 'MX' },
      host: 'mx',
      chairs: ['ca-trade', 'ca-finance', 'mx-economy', 'mx-finance', 'mx-agriculture'],
      participants: [],
      accounts: [
        {
          side: null,
          published: '2025-06-11',
          raised: [
            { by: 'ca', issue: 'steel-safeguards', stance: 'opposes' },
            { by: 'mx', issue: 'dairy-access', stance: 'strong-concern' },
            { by: 'mx', issue: 'border-wait-times', stance: 'welcomes' },
          ],
          outcomes: [
            {
              key: 'critical-minerals',
              kind: 'cooperation-area',
              title: { en: 'critical minerals supply chains', zh: '关键矿产供应链' },
              owners: ['ca', 'mx'],
            },
            {
              key: 'single-window',
              kind: 'commitment',
              title: { en: 'link the customs single windows', zh: '连接海关单一窗口' },
              owners: ['mx'],
              due: '2026-03-31',
            },
            {
              key: 'sme-guide',
              kind: 'action',
              title: { en: 'publish a guide for small exporters' },
              owners: ['ca', 'mx'],
            },
            {
              key: 'sps-experts',
              kind: 'exchange',
              title: { en: 'meetings of plant health experts', zh: '植物卫生专家会议' },
              owners: ['ca', 'mx'],
            },
            {
              key: 'trade-mission',
              kind: 'event',
              title: { en: 'a joint trade mission to Monterrey', zh: '赴蒙特雷联合贸易代表团' },
              owners: ['ca'],
            },
          ],
          nextMeeting: {
            place: { city: { en: 'Ottawa', zh: '渥太华' }, country: 'CA' },
            when: { en: 'in 2026', zh: '2026年' },
          },
        },
      ],
    },
  ],
} as const;

/** UK–China, the 27th meeting, held by video across the new year, one chair, the UK's own account. */
export const TWENTY_SEVENTH_BUNDLE = {
  format: 'parley-dialogue/1',
  dialogue: {
    key: 'gb-cn-jetco',
    names: [
      { side: 'gb', text: { en: 'UK-China Joint Economic and Trade Commission', zh: '英中经济贸易联合委员会' } },
      { side: 'cn', text: { en: 'China-UK Joint Economic and Trade Commission', zh: '中英经济贸易联合委员会' } },
    ],
    level: 'vice-ministerial',
    sides: [
      {
        key: 'gb',
        country: 'GB',
        agency: { en: 'Department for Business and Trade', zh: '英国商业贸易部' },
        about: {
          en: 'The Department for Business and Trade helps businesses export.',
          zh: '英国商业贸易部帮助企业出口。',
        },
      },
      { key: 'cn', country: 'CN', agency: { en: 'Ministry of Commerce', zh: '商务部' } },
    ],
    people: [
      {
        key: 'gb-minister',
        side: 'gb',
        name: { en: 'Fiona Grant', zh: '格兰特' },
        title: { en: 'Minister of State for Trade', zh: '贸易国务大臣' },
      },
    ],
    principles: [
      {
        side: 'gb',
        kind: 'priority',
        topic: 'services',
        text: {
          en: 'The United Kingdom gives priority to open markets for services.',
          zh: '英方优先推动服务市场开放。',
        },
      },
      {
        side: 'gb',
        kind: 'non-negotiable',
        topic: 'national-security',
        text: {
          en: 'The United Kingdom does not negotiate on national security.',
          zh: '英方不就国家安全问题进行谈判。',
        },
      },
    ],
  },
  issues: [
    {
      key: 'legal-services',
      title: { en: 'Licensing of foreign law firms', zh: '外国律师事务所执业许可' },
      raisedBy: 'gb',
      respondent: 'cn',
      category: 'services',
      topics: ['services'],
      status: 'open',
      visibility: 'public',
    },
    {
      key: 'internal-note',
      title: { en: 'Possible ask on whisky tariffs', zh: '可能提出威士忌关税诉求' },
      raisedBy: 'gb',
      respondent: 'cn',
      category: 'tariffs',
      topics: [],
      status: 'reported',
      visibility: 'internal',
      owner: 'gb',
    },
  ],
  meetings: [
    {
      key: 'jetco-27',
      number: 27,
      date: '2024-12-31',
      endDate: '2025-01-02',
      format: 'video',
      chairs: ['gb-minister'],
      participants: [],
      accounts: [
        {
          side: 'gb',
          published: '2025-01-03',
          raised: [
            { by: 'gb', issue: 'legal-services', stance: 'raised' },
            { by: 'gb', issue: 'internal-note', stance: 'concern' },
          ],
          outcomes: [],
          nextMeeting: { when: { en: 'second half of 2025', zh: '2025年下半年' } },
        },
      ],
    },
  ],
} as const;
