/**
 * A readout as a standalone HTML page: no script, no external asset (fonts,
 * styles and all are inline or the reader's own), a `lang` on the page and on
 * every run in another language, one h1 and h2 sections, lists as lists, and
 * a print style sheet so that "Print" gives a clean press release.
 */
import type { Inline, ReadoutDocument } from '../domain/readouts/readout.model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Simplified Chinese is what records mean by "zh"; saying so lets browsers pick the right glyphs and voice. */
export function htmlLangOf(tag: string): string {
  return tag === 'zh' ? 'zh-Hans' : tag;
}

function html(inline: Inline, doc: ReadoutDocument): string {
  return inline
    .map((r) =>
      r.fallbackFrom
        ? `<span lang="${esc(htmlLangOf(r.fallbackFrom))}" class="fallback">${esc(r.text)}</span>` +
          ` <span class="fallback-mark">${esc(doc.fallbackMarks[r.fallbackFrom] ?? '')}</span>`
        : esc(r.text),
    )
    .join('');
}

/** The page's one style sheet; exported so that the web app's CSP can allow it by hash (readout preview). */
export const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0; padding: 2rem 1rem; background: #f0f0f0; color: #1b1b1b;
  font: 1.0625rem/1.6 "Source Sans Pro", "Noto Sans", "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
}
main { max-width: 44rem; margin: 0 auto; background: #fff; padding: 2.5rem 3rem; border-top: 0.5rem solid #162e51; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 0.5rem; color: #162e51; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; color: #162e51; }
p, ul { margin: 0 0 1rem; }
li { margin-bottom: 0.35rem; }
.dateline { font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; font-size: 0.95rem; color: #565c65; }
:lang(zh-Hans) .dateline, .dateline:lang(zh-Hans) { text-transform: none; letter-spacing: 0; }
.draft-note { border-left: 0.25rem solid #ffbe2e; background: #faf3d1; padding: 0.5rem 1rem; margin: 1rem 0; }
.fallback-mark { font-size: 0.8em; color: #8b0a03; white-space: nowrap; }
.end-mark { text-align: center; margin: 2rem 0; letter-spacing: 0.2em; }
footer { border-top: 1px solid #dfe1e2; padding-top: 0.5rem; font-size: 0.95rem; }
address { font-style: normal; }
@media (max-width: 40rem) { main { padding: 1.5rem 1.25rem; } }
@media print {
  @page { margin: 2cm; }
  body { background: none; padding: 0; font-size: 11pt; }
  main { max-width: none; padding: 0; border: 0; }
  h1, h2 { color: #000; break-after: avoid; }
  li, p { break-inside: avoid; }
  .draft-note { border: 1px solid #000; background: none; }
}
`;

export function renderHtml(doc: ReadoutDocument): string {
  const lang = htmlLangOf(doc.lang);
  const title = doc.headline.map((r) => r.text).join('');
  const body: string[] = [];
  body.push(
    `<header>\n<h1>${html(doc.headline, doc)}</h1>\n<p class="dateline">${html(doc.dateline, doc)}</p>\n</header>`,
  );
  if (doc.fallbackNotice) body.push(`<p class="draft-note" role="note">${esc(doc.fallbackNotice)}</p>`);
  for (const p of doc.paragraphs) body.push(`<p>${html(p, doc)}</p>`);
  if (doc.outcomesIntro) body.push(`<p>${html(doc.outcomesIntro, doc)}</p>`);
  doc.outcomes.forEach((group, i) => {
    const id = `outcomes-${i + 1}`;
    body.push(
      `<section aria-labelledby="${id}">\n<h2 id="${id}">${esc(group.heading)}</h2>\n<ul>\n` +
        group.items.map((item) => `<li>${html(item, doc)}</li>`).join('\n') +
        '\n</ul>\n</section>',
    );
  });
  if (doc.notes) body.push(`<p>${html(doc.notes, doc)}</p>`);
  if (doc.nextMeeting) body.push(`<p>${html(doc.nextMeeting, doc)}</p>`);
  body.push(`<p class="end-mark">${esc(doc.endMark)}</p>`);
  const footer: string[] = [];
  doc.about.forEach((a, i) => {
    footer.push(
      `<section aria-labelledby="about-${i + 1}">\n<h2 id="about-${i + 1}">${html(a.heading, doc)}</h2>\n<p>${html(a.text, doc)}</p>\n</section>`,
    );
  });
  doc.contacts.forEach((c, i) => {
    footer.push(
      `<section aria-labelledby="contact-${i + 1}">\n<h2 id="contact-${i + 1}">${html(c.heading, doc)}</h2>\n<address>${c.lines
        .map((l) => html(l, doc))
        .join('<br>\n')}</address>\n</section>`,
    );
  });
  if (footer.length > 0) body.push(`<footer>\n${footer.join('\n')}\n</footer>`);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Parley">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<article>
${body.join('\n')}
</article>
</main>
</body>
</html>
`;
}
