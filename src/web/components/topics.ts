import type { TFunction } from 'i18next';
import en from '../i18n/en.json' with { type: 'json' };

type KnownTopic = keyof typeof en.topic;

function isKnownTopic(topic: string): topic is KnownTopic {
  return Object.hasOwn(en.topic, topic);
}

/** Topics are open keys: known ones have labels in both languages, others are shown as written, dashes dropped. */
export function topicLabel(t: TFunction, topic: string): string {
  return isKnownTopic(topic) ? t(`topic.${topic}`) : topic.replace(/-/g, ' ');
}
