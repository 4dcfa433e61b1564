/** Chinese word segmentation (jieba), loaded once on first use. */
import { createRequire } from 'node:module';
import type { Jieba as JiebaT } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let jieba: JiebaT | undefined;

function instance(): JiebaT {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const HAN = /\p{Script=Han}/u;

/** The Chinese words of `text` (search mode: long words and their parts), without punctuation or Latin. */
export function chineseWords(text: string): string[] {
  if (!HAN.test(text)) return [];
  return [
    ...new Set(
      instance()
        .cutForSearch(text, true)
        .map((w) => w.trim()),
    ),
  ].filter((w) => HAN.test(w));
}

/** `text` cut into words in order (jieba's precise mode), every character kept: the Segmenter of similarity. */
export function chineseTokens(text: string): string[] {
  return HAN.test(text) ? instance().cut(text, true) : [text];
}
