import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  ISSUE_STATUSES,
  LEVELS,
  MEETING_FORMATS,
  OUTCOME_KINDS,
  OUTCOME_STATUSES,
  PRINCIPLE_KINDS,
  STANCES,
  VISIBILITIES,
} from '../vocabulary.js';
import en from './en.json' with { type: 'json' };
import zh from './zh.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten(en), zh: flatten(zh) };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('i18n catalogues', () => {
  it('have exactly the same keys in English and Chinese', () => {
    const enKeys = [...catalogues.en.keys()].sort();
    const zhKeys = [...catalogues.zh.keys()].sort();
    expect(zhKeys.filter((k) => !catalogues.en.has(k))).toEqual([]);
    expect(enKeys.filter((k) => !catalogues.zh.has(k))).toEqual([]);
    expect(enKeys.length).toBeGreaterThan(150);
  });

  it('have no empty value', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      const empty = [...catalogue].filter(([, value]) => value.trim() === '').map(([key]) => `${lang}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = [...catalogues.en]
      .filter(([key, value]) => placeholders(value).join() !== placeholders(catalogues.zh.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('write Chinese in the Chinese catalogue', () => {
    // Catches an English string pasted into zh.json: most values must contain Han characters.
    const han = /\p{Script=Han}/u;
    const values = [...catalogues.zh.values()];
    expect(values.filter((v) => han.test(v)).length / values.length).toBeGreaterThan(0.9);
  });

  it.each([
    ['category', CATEGORIES],
    ['status', ISSUE_STATUSES],
    ['visibility', VISIBILITIES],
    ['visibilityHint', VISIBILITIES],
    ['level', LEVELS],
    ['format', MEETING_FORMATS],
    ['stance', STANCES],
    ['outcomeKind', OUTCOME_KINDS],
    ['outcomeKindGroup', OUTCOME_KINDS],
    ['outcomeStatus', OUTCOME_STATUSES],
    ['principleKind', PRINCIPLE_KINDS],
  ] as const)('label every %s of the API in both languages', (group, values) => {
    for (const value of values) {
      expect(catalogues.en.get(`${group}.${value}`), `en ${group}.${value}`).toBeTruthy();
      expect(catalogues.zh.get(`${group}.${value}`), `zh ${group}.${value}`).toBeTruthy();
    }
  });
});
