/** Atom 1.0 (RFC 4287) feeds, written by hand: a few elements, every text escaped. */

export interface FeedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary?: string;
}

export interface Feed {
  id: string;
  title: string;
  self: string;
  alternate: string;
  entries: FeedEntry[];
}

/** Escapes text for XML, dropping characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

export function atomFeed(feed: Feed): string {
  const entries = [...feed.entries].sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id));
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <updated>${xmlText(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    '  <author><name>Parley</name></author>',
    ...entries.flatMap((e) => [
      '  <entry>',
      `    <id>${xmlText(e.id)}</id>`,
      `    <title>${xmlText(e.title)}</title>`,
      `    <updated>${xmlText(e.updated)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(e.link)}"/>`,
      ...(e.summary ? [`    <summary>${xmlText(e.summary)}</summary>`] : []),
      '  </entry>',
    ]),
    '</feed>',
  ];
  return lines.join('\n') + '\n';
}
