/**
 * Issue 6, acceptance 1 and 2: every fact of an account is in the readout
 * built from it, in English and in Chinese, for the demo dialogue and for
 * bundles the generator was not written for. Readouts are read back as the
 * plain text of the document model, which every renderer lays out as is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importBundle, importBundleText } from '../src/bundle/import.js';
import { readDemoBundle } from '../src/demo/demo.js';
import { PUBLIC_VIEWER, SYSTEM_VIEWER, type Viewer } from '../src/domain/access/viewer.js';
import { ConflictError, NotFoundError } from '../src/domain/errors.js';
import { readoutText, type ReadoutDocument } from '../src/domain/readouts/readout.model.js';
import { generateReadout } from '../src/domain/readouts/readout.service.js';
import { testDatabase, type TestDatabase } from './helpers/db.js';
import { JOINT_BUNDLE, TWENTY_SEVENTH_BUNDLE } from './helpers/readout-bundles.js';

let t: TestDatabase;
before(async () => {
  t = await testDatabase();
  await importBundleText(t.store, readDemoBundle());
  await importBundle(t.store, JOINT_BUNDLE);
  await importBundle(t.store, TWENTY_SEVENTH_BUNDLE);
});
after(async () => {
  await t.close();
});

async function readout(
  dialogue: string,
  meeting: number,
  side: string,
  lang: 'en' | 'zh',
  viewer: Viewer = PUBLIC_VIEWER,
): Promise<{ doc: ReadoutDocument; text: string }> {
  const doc = await generateReadout(t.store, viewer, dialogue, meeting, side, lang);
  return { doc, text: readoutText(doc) };
}

function includesAll(text: string, facts: string[]) {
  for (const fact of facts) assert.ok(text.includes(fact), `missing: ${fact}\n---\n${text}`);
}

function excludesAll(text: string, facts: string[]) {
  for (const fact of facts) assert.ok(!text.includes(fact), `should not say: ${fact}\n---\n${text}`);
}

const groups = (doc: ReadoutDocument) => doc.outcomes.map((g) => [g.kind, g.items.length]);

describe('the US readout of the demo meeting', () => {
  it('in English says every fact of the US account', async () => {
    const { doc, text } = await readout('us-cn-ciwg', 1, 'us', 'en');
    includesAll(text, [
      'U.S.-China Commercial Issues Working Group Holds Inaugural Vice-Ministerial Meeting',
      'Washington, D.C., April 4, 2024',
      'On April 4, 2024, Marisa Lago, Under Secretary of Commerce for International Trade, and Wang Shouwen, ' +
        'China International Trade Representative and Vice Minister of Commerce, co-chaired the inaugural ' +
        'vice-ministerial meeting of the U.S.-China Commercial Issues Working Group in Washington, D.C.',
      'International Trade Administration, U.S. Department of Commerce',
      "Ministry of Commerce of the People's Republic of China",
      'established in Beijing, China, on August 28, 2023, by Gina Raimondo, Secretary of Commerce, and Wang Wentao, ' +
        "Minister of Commerce, during the Secretary of Commerce's visit to China",
      'Take up trade and investment issues raised by the business communities of both countries',
      'The two sides exchanged views',
      'Marisa Lago raised cross-border data flows and regulatory transparency, and raised strong concerns regarding ' +
        'overcapacity in Chinese industrial sectors.',
      'Marisa Lago also made clear that the United States does not negotiate on matters of U.S. national security.',
      "- Healthcare trade promotion and women's health",
      '- Expanded services to U.S. companies in new regions of China',
      '- Clean and environmental technologies',
      '- Expanded subnational engagement in trade promotion',
      '- Technical exchanges between trade remedies authorities',
      'The next meeting will be held in China later this year.',
      '###',
      'About the International Trade Administration, U.S. Department of Commerce',
      'helps American companies and workers sell abroad',
      'Office of Public Affairs',
      'publicaffairs@trade.gov',
      '202-482-3809',
    ]);
    assert.deepEqual(groups(doc), [
      ['cooperation-area', 4],
      ['exchange', 1],
    ]);
    // Only the US account: not what China raised, not China's about paragraph.
    excludesAll(text, ['Section 301', 'expressed concern', 'State Council', 'Information Office']);
    assert.equal(doc.fallbackNotice, undefined);
  });

  it('in Chinese says the same, in Chinese', async () => {
    const { doc, text } = await readout('us-cn-ciwg', 1, 'us', 'zh');
    includesAll(text, [
      '美中商业问题工作组举行首次副部长级会议',
      '华盛顿，2024年4月4日',
      '2024年4月4日，美国商务部副部长拉戈与商务部国际贸易谈判代表兼副部长王受文在华盛顿共同主持召开美中商业问题工作组首次副部长级会议。',
      '美国商务部国际贸易管理局和中华人民共和国商务部代表团出席会议。',
      '2023年8月28日，美国商务部长雷蒙多与商务部部长王文涛在美国商务部长访华期间于中国北京商定设立该工作组，旨在处理两国工商界提出的贸易和投资问题，寻求务实解决办法。',
      '双方就各自关注的问题交换了意见。',
      '拉戈提出了跨境数据流动和监管透明度问题，并就中国工业领域产能过剩问题表达严重关切。',
      '拉戈还明确表示，美方不就涉及美国国家安全的问题进行谈判。',
      '- 医疗保健贸易促进和妇女健康',
      '- 在中国新地区扩大对美国企业的服务',
      '- 清洁和环境技术',
      '- 扩大地方层面的贸易促进合作',
      '- 贸易救济主管部门之间的技术交流',
      '下次会议将于今年晚些时候在中国举行。',
      '（完）',
      '关于美国商务部国际贸易管理局',
      '美国商务部国际贸易管理局（ITA）帮助美国企业和劳动者开拓海外市场',
      '公共事务办公室',
      '电子邮件：publicaffairs@trade.gov',
      '电话：202-482-3809',
    ]);
    assert.deepEqual(groups(doc), [
      ['cooperation-area', 4],
      ['exchange', 1],
    ]);
    assert.equal(doc.fallbackNotice, undefined);
  });
});

describe("the Chinese side's readout of the demo meeting", () => {
  it('in English: six issues, six outcomes, the second half of 2024, led by Lago', async () => {
    const { doc, text } = await readout('us-cn-ciwg', 1, 'cn', 'en');
    includesAll(text, [
      'China-U.S. Commercial and Trade Working Group Holds Inaugural Vice-Ministerial Meeting',
      'Washington, D.C., United States, April 4, 2024',
      'Wang Shouwen, China International Trade Representative and Vice Minister of Commerce, and Marisa Lago, ' +
        'Under Secretary of Commerce for International Trade, co-chaired',
      'Wang Shouwen expressed concern about Section 301 tariffs and related petitions, overstretching the concept of ' +
        'national security, sanctions on Chinese companies, revision of U.S. trade remedy investigation rules, ' +
        'restrictions on two-way investment, and unfair treatment of Chinese companies in the United States.',
      "- Cooperation on clean-energy technology and women's health",
      '- Explore trade facilitation cooperation',
      '- Keep close contact with companies about their concerns',
      '- Discuss specific standards issues',
      '- Use the export control information exchange mechanism',
      '- Jointly support trade promotion events (CIIE, CIFIT, China-California economic and trade forum)',
      'The next meeting will be held in China in the second half of 2024, with the U.S. delegation led by Marisa Lago.',
      "About the Ministry of Commerce of the People's Republic of China",
      "The Ministry of Commerce is the department of China's State Council",
      'Information Office, Ministry of Commerce',
    ]);
    assert.deepEqual(groups(doc), [
      ['cooperation-area', 2],
      ['commitment', 1],
      ['exchange', 2],
      ['event', 1],
    ]);
    // China has no principle on record; the US one is not China's to state.
    excludesAll(text, ['does not negotiate', 'cross-border data flows', 'publicaffairs@trade.gov']);
  });

  it('in Chinese', async () => {
    const { doc, text } = await readout('us-cn-ciwg', 1, 'cn', 'zh');
    includesAll(text, [
      '中美商贸工作组举行首次副部长级会议',
      '美国华盛顿，2024年4月4日',
      '商务部国际贸易谈判代表兼副部长王受文与美国商务部副部长拉戈在美国华盛顿共同主持召开中美商贸工作组首次副部长级会议。',
      '王受文就301关税和相关301调查申请、泛化国家安全、制裁中国企业、修订贸易救济调查规则、双向投资限制以及中国企业在美受到不公平待遇问题表达关切。',
      '- 清洁能源技术和妇女健康合作',
      '- 探讨贸易便利化合作',
      '- 就企业关切保持密切沟通',
      '- 就具体标准问题进行交流',
      '- 用好出口管制信息交流机制',
      '- 共同支持进博会、投洽会、中国—加州经贸论坛等促进活动',
      '下次会议将于2024年下半年在中国举行，美方代表团将由拉戈率领。',
      '（完）',
      '关于中华人民共和国商务部',
      '商务部新闻办公室',
    ]);
    assert.equal(doc.outcomes.flatMap((g) => g.items).length, 6);
    excludesAll(text, ['不就涉及美国国家安全']);
  });
});

describe('bundles the generator was not written for', () => {
  it('a joint statement of a two-day ministerial meeting with five chairs, in English', async () => {
    const { doc, text } = await readout('ca-mx-hled', 2, 'joint', 'en');
    assert.equal(doc.side, null);
    includesAll(text, [
      'Joint Statement on the Second Ministerial Meeting of the Canada-Mexico High-Level Economic Dialogue',
      'Mexico City, Mexico, June 10–11, 2025',
      'On June 10–11, 2025, Alice Tremblay, Minister of International Trade; Bruno Roy, Minister of Finance; ' +
        'Carmen Ortiz, Secretary of Economy; Diego Salas, Secretary of Finance; and Elena Vega, Secretary of ' +
        'Agriculture, co-chaired the second ministerial meeting of the Canada-Mexico High-Level Economic Dialogue ' +
        'in Mexico City, Mexico.',
      'The delegations came from Global Affairs Canada and from the Secretariat of Economy.',
      'The dialogue was established in Ottawa, Canada, on November 18, 2021, by Alice Tremblay and Carmen Ortiz.',
      'Its mandate: Deepen trade and investment',
      'Canada opposed steel safeguard measures.',
      'Mexico raised strong concerns regarding dairy market access, and welcomed border wait times for trucks.',
      'Areas of cooperation\n- Critical minerals supply chains',
      'Commitments\n- Link the customs single windows (lead: Mexico; due March 31, 2026)',
      'Actions\n- Publish a guide for small exporters',
      'Exchanges\n- Meetings of plant health experts',
      'Events\n- A joint trade mission to Monterrey (lead: Canada)',
      'The next meeting will be held in Ottawa, Canada, in 2026.',
      'About Global Affairs Canada',
      'Media contact: Global Affairs Canada\nMedia Relations Office\nEmail: media@example.ca',
      'Media contact: Secretariat of Economy\nSocial Communication Unit\nPhone: +52 55 0000 0000',
    ]);
    // A joint statement states no one side's principles.
    excludesAll(text, ['supply management']);
    assert.deepEqual(
      doc.outcomes.map((g) => g.kind),
      ['cooperation-area', 'commitment', 'action', 'exchange', 'event'],
    );
  });

  it('the same joint statement in Chinese, with the texts on record only in English marked', async () => {
    const { doc, text } = await readout('ca-mx-hled', 2, 'joint', 'zh');
    includesAll(text, [
      '加墨高级别经济对话第二次部长级会议联合声明',
      '墨西哥城，2025年6月10日至11日',
      '2025年6月10日至11日，国际贸易部长特朗布莱、财政部长鲁瓦、经济部长奥尔蒂斯、财政部长萨拉斯与Secretary of Agriculture 〔英文〕维加在墨西哥城共同主持召开加墨高级别经济对话第二次部长级会议。',
      '加方反对钢铁保障措施。',
      '墨方就乳制品市场准入问题表达严重关切，并对卡车过境等待时间表示欢迎。',
      '- 连接海关单一窗口（牵头方：墨方；2026年3月31日前完成）',
      '- publish a guide for small exporters 〔英文〕',
      '下次会议将于2026年在加拿大渥太华举行。',
      '（完）',
    ]);
    assert.match(doc.fallbackNotice ?? '', /〔英文〕/);
    const fallbacks = [doc.paragraphs, doc.outcomes.flatMap((g) => g.items)]
      .flat(2)
      .filter((r) => r.fallbackFrom === 'en')
      .map((r) => r.text);
    assert.deepEqual(fallbacks, ['Secretary of Agriculture', 'publish a guide for small exporters']);
  });

  it('the 27th meeting, by video over the new year, in both languages', async () => {
    const en = await readout('gb-cn-jetco', 27, 'gb', 'en');
    includesAll(en.text, [
      'UK-China Joint Economic and Trade Commission Holds 27th Vice-Ministerial Meeting',
      'December 31, 2024–January 2, 2025',
      'Fiona Grant, Minister of State for Trade, chaired the 27th vice-ministerial meeting of the UK-China Joint ' +
        'Economic and Trade Commission by video conference.',
      'Fiona Grant raised licensing of foreign law firms.',
      'Fiona Grant also underlined that the United Kingdom gives priority to open markets for services.',
      'The next meeting will be held in the second half of 2025.',
      'About the Department for Business and Trade',
    ]);
    // Nothing is invented: no place, no mandate, no outcomes, no national-security statement (nobody raised it).
    excludesAll(en.text, [' in Washington', 'mandate', 'outcomes', 'national security', 'Media contact']);
    // The public does not see the internal issue, so its readout does not mention it.
    excludesAll(en.text, ['whisky']);

    const zh = await readout('gb-cn-jetco', 27, 'gb', 'zh');
    includesAll(zh.text, [
      '英中经济贸易联合委员会举行第二十七次副部长级会议',
      '2024年12月31日至2025年1月2日',
      '贸易国务大臣格兰特以视频方式主持召开英中经济贸易联合委员会第二十七次副部长级会议。',
      '格兰特提出了外国律师事务所执业许可问题。',
      '格兰特还强调，英方优先推动服务市场开放。',
      '下次会议将于2025年下半年举行。',
    ]);
  });

  it('the viewer decides what the readout may use: the console sees the internal issue', async () => {
    const { text } = await readout('gb-cn-jetco', 27, 'gb', 'en', SYSTEM_VIEWER);
    includesAll(text, [
      'Fiona Grant raised licensing of foreign law firms, and expressed concern about possible ask on whisky tariffs.',
    ]);
  });
});

describe('readouts that cannot be written', () => {
  it('a side with no account of the meeting is an error that says so, not an empty readout', async () => {
    await assert.rejects(
      () => generateReadout(t.store, PUBLIC_VIEWER, 'gb-cn-jetco', 27, 'cn', 'en'),
      (err: unknown) =>
        err instanceof ConflictError &&
        err.code === 'no-account' &&
        /no account by the side "cn"/.test(err.message) &&
        /Accounts on record: gb\./.test(err.message),
    );
    await assert.rejects(
      () => generateReadout(t.store, PUBLIC_VIEWER, 'us-cn-ciwg', 1, 'joint', 'zh'),
      (err: unknown) => err instanceof ConflictError && /no joint statement/.test(err.message),
    );
  });

  it('an unknown side, meeting or dialogue is not found', async () => {
    await assert.rejects(
      () => generateReadout(t.store, PUBLIC_VIEWER, 'us-cn-ciwg', 1, 'eu', 'en'),
      (err: unknown) => err instanceof NotFoundError && err.kind === 'side',
    );
    await assert.rejects(
      () => generateReadout(t.store, PUBLIC_VIEWER, 'us-cn-ciwg', 2, 'us', 'en'),
      (err: unknown) => err instanceof NotFoundError && err.kind === 'meeting',
    );
    await assert.rejects(
      () => generateReadout(t.store, PUBLIC_VIEWER, 'nope', 1, 'us', 'en'),
      (err: unknown) => err instanceof NotFoundError && err.kind === 'dialogue',
    );
  });
});
