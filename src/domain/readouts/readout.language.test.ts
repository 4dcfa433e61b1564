import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chineseNumeral,
  chineseOrdinal,
  englishOrdinal,
  formatDate,
  formatDateRange,
  inline,
  joinList,
  midSentence,
  placeInline,
  plain,
} from './readout.language.js';

describe('dates as each language writes them', () => {
  it('one day', () => {
    assert.equal(formatDate('2024-04-04', 'en'), 'April 4, 2024');
    assert.equal(formatDate('2024-04-04', 'zh'), '2024年4月4日');
  });
  it('ranges within a month, across months and across years', () => {
    assert.equal(formatDateRange('2024-04-04', '2024-04-05', 'en'), 'April 4–5, 2024');
    assert.equal(formatDateRange('2024-04-04', '2024-04-05', 'zh'), '2024年4月4日至5日');
    assert.equal(formatDateRange('2024-04-30', '2024-05-01', 'en'), 'April 30–May 1, 2024');
    assert.equal(formatDateRange('2024-04-30', '2024-05-01', 'zh'), '2024年4月30日至5月1日');
    assert.equal(formatDateRange('2024-12-31', '2025-01-02', 'en'), 'December 31, 2024–January 2, 2025');
    assert.equal(formatDateRange('2024-12-31', '2025-01-02', 'zh'), '2024年12月31日至2025年1月2日');
    assert.equal(formatDateRange('2024-04-04', '2024-04-04', 'en'), 'April 4, 2024');
    assert.equal(formatDateRange('2024-04-04', undefined, 'zh'), '2024年4月4日');
  });
});

describe('the place of a meeting in the series', () => {
  it('English: inaugural, words to tenth, then figures with the right suffix', () => {
    const words = ['inaugural', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
    words.forEach((w, i) => assert.equal(englishOrdinal(i + 1), w));
    const figures: [number, string][] = [
      [11, '11th'],
      [12, '12th'],
      [13, '13th'],
      [21, '21st'],
      [22, '22nd'],
      [23, '23rd'],
      [27, '27th'],
      [101, '101st'],
      [111, '111th'],
      [112, '112th'],
    ];
    for (const [n, s] of figures) assert.equal(englishOrdinal(n), s);
  });
  it('Chinese: 首次, then 第…次 in Chinese numerals', () => {
    assert.equal(chineseOrdinal(1), '首次');
    assert.equal(chineseOrdinal(2), '第二次');
    assert.equal(chineseOrdinal(10), '第十次');
    assert.equal(chineseOrdinal(27), '第二十七次');
    const numerals: [number, string][] = [
      [11, '十一'],
      [20, '二十'],
      [100, '一百'],
      [101, '一百零一'],
      [110, '一百一十'],
      [1001, '一千零一'],
      [2024, '二千零二十四'],
      [10000, '一万'],
      [10010, '一万零一十'],
    ];
    for (const [n, s] of numerals) assert.equal(chineseNumeral(n), s);
  });
});

describe('lists and places', () => {
  const items = (...xs: string[]) => xs.map((x) => inline(x));
  it('English: and, serial comma, semicolons when items hold commas', () => {
    assert.equal(plain(joinList(items('A', 'B'), 'en')), 'A and B');
    assert.equal(plain(joinList(items('A', 'B', 'C'), 'en')), 'A, B, and C');
    assert.equal(plain(joinList(items('A, x', 'B, y', 'C'), 'en')), 'A, x; B, y; and C');
    assert.equal(plain(joinList(items('A, x', 'B'), 'en', { repeat: 'from' })), 'A, x, and from B');
  });
  it('Chinese: 、 and 和, or 以及 when an item has its own 和 (but not 共和国)', () => {
    assert.equal(plain(joinList(items('甲', '乙', '丙'), 'zh')), '甲、乙和丙');
    assert.equal(plain(joinList(items('甲和乙', '丙'), 'zh')), '甲和乙以及丙');
    assert.equal(plain(joinList(items('中华人民共和国商务部', '丙'), 'zh')), '中华人民共和国商务部和丙');
    assert.equal(plain(joinList(items('甲', '乙'), 'zh', { zhAnd: '与' })), '甲与乙');
  });
  it('places: the country is named when foreign to the writing side, first in Chinese', () => {
    const washington = { city: { en: 'Washington, D.C.', zh: '华盛顿' }, country: 'US' };
    assert.equal(plain(placeInline(washington, 'en', 'US')), 'Washington, D.C.');
    assert.equal(plain(placeInline(washington, 'en', 'CN')), 'Washington, D.C., United States');
    assert.equal(plain(placeInline(washington, 'zh', 'CN')), '美国华盛顿');
    assert.equal(plain(placeInline({ country: 'US' }, 'en', 'CN')), 'the United States');
    assert.equal(plain(placeInline({ country: 'CN' }, 'zh', 'US')), '中国');
  });
  it('record titles lose their capital mid-sentence, unless it belongs to a name', () => {
    assert.equal(plain(midSentence(inline('Cross-border data flows'))), 'cross-border data flows');
    assert.equal(plain(midSentence(inline('Section 301 tariffs'))), 'Section 301 tariffs');
    assert.equal(plain(midSentence(inline('Chinese steel exports'))), 'Chinese steel exports');
    assert.equal(plain(midSentence(inline('Canada dairy quotas'))), 'Canada dairy quotas');
    assert.equal(plain(midSentence(inline('EU rules'))), 'EU rules');
  });
});
