// The pages an answer rests on: which of them an answer names, and the line that names them under it.
import { h } from './dom.mjs';

// The sources of an answer worth naming: those with a title.
export function answerSources(answer) {
  return Array.isArray(answer.sources) ? answer.sources.filter((s) => s && typeof s.title === 'string' && s.title) : [];
}

// A source's page, when the answer gives one that is safe to link to.
function sourceUrl(source) {
  return typeof source.url === 'string' && /^https:\/\/[^\s"'<>]+$/.test(source.url) ? source.url : null;
}

// "Noble Desktop, "What Does a Back End Web Developer Do?" (March 22, 2026); Truest, "Back-End Web Developer"":
// the publisher as the answer names it, the title (a link to the page, in a new tab), the date when known.
// `plain`: text for copying and transcripts, each page's address after its title.
export function sourceLine(sources, lang, plain = false) {
  const date = (iso) => {
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
    const when = new Date(iso + 'T00:00:00Z');
    if (Number.isNaN(when.getTime())) return null;
    try {
      return new Intl.DateTimeFormat(lang || 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(when);
    } catch {
      return iso;
    }
  };
  const parts = sources.map((s, i) => {
    const publisher = typeof s.publisher === 'string' && s.publisher.trim() ? s.publisher.trim() + ', ' : '';
    const published = date(s.published);
    const url = sourceUrl(s);
    const title = `"${s.title}"`;
    const when = published ? ` (${published})` : '';
    if (plain) return `${publisher}${title}${when}${url ? ' ' + url : ''}`;
    const named = url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', part: 'source-link' }, title) : title;
    return [i > 0 ? '; ' : '', publisher, named, when];
  });
  return plain ? parts.join('; ') : parts;
}
