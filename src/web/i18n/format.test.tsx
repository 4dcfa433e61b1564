import { describe, expect, it } from 'vitest';
import { countryName, formatDate, formatDateRange, hsCode } from './format.js';
import { initialLanguage } from './index.js';
import { localize } from './localize.js';

describe('dates', () => {
  it('are written the way each language writes them', () => {
    expect(formatDate('2024-04-04', 'en')).toBe('April 4, 2024');
    expect(formatDate('2024-04-04', 'zh')).toBe('2024年4月4日');
  });

  it('write ranges in Chinese as a readout would', () => {
    expect(formatDateRange('2024-04-04', '2024-04-05', 'zh')).toBe('2024年4月4日至5日');
    expect(formatDateRange('2024-07-01', '2024-12-31', 'zh')).toBe('2024年7月1日至12月31日');
    expect(formatDateRange('2024-12-30', '2025-01-02', 'zh')).toBe('2024年12月30日至2025年1月2日');
    expect(formatDateRange('2024-04-04', '2024-04-05', 'en')).toMatch(/^April 4\s*–\s*5, 2024$/);
    expect(formatDateRange('2024-04-04', undefined, 'en')).toBe('April 4, 2024');
  });

  it('do not move by a day in any time zone, and pass through what is not a date', () => {
    expect(formatDate('2024-01-01', 'en')).toBe('January 1, 2024');
    expect(formatDate('later this year', 'en')).toBe('later this year');
  });
});

describe('names and codes', () => {
  it('name countries in the interface language', () => {
    expect(countryName('CN', 'en')).toBe('China');
    expect(countryName('US', 'zh')).toBe('美国');
  });

  it('write HS codes by level', () => {
    expect(hsCode('72')).toEqual({ level: 'chapter', code: '72' });
    expect(hsCode('9018')).toEqual({ level: 'heading', code: '9018' });
    expect(hsCode('854142')).toEqual({ level: 'subheading', code: '8541.42' });
  });
});

describe('localize', () => {
  it('picks the interface language and marks a fallback with its language', () => {
    expect(localize({ en: 'Steel', zh: '钢铁' }, 'zh')).toEqual({ value: '钢铁', lang: undefined });
    expect(localize({ en: 'Steel' }, 'zh')).toEqual({ value: 'Steel', lang: 'en' });
    expect(localize({ fr: 'Acier' }, 'en')).toEqual({ value: 'Acier', lang: 'fr' });
    expect(localize(undefined, 'en')).toEqual({ value: '', lang: undefined });
  });
});

describe('initial language', () => {
  it('takes ?lang= first, then the stored choice, then the browser', () => {
    expect(initialLanguage('?lang=zh', 'en', ['en-US'])).toBe('zh');
    expect(initialLanguage('?lang=fr', 'zh', ['en-US'])).toBe('zh');
    expect(initialLanguage('', null, ['zh-CN', 'en'])).toBe('zh');
    expect(initialLanguage('', null, ['fr-FR'])).toBe('en');
  });
});
