/**
 * @module
 * Messages as text and links: http(s) URLs and e-mail addresses become links, everything else
 * stays text. Only parts are returned, never markup: the widget renders each part as a text node
 * (a link's text included), so a message can never become HTML. A link's address is `http:`,
 * `https:` or `mailto:` by construction; `javascript:`, `data:` and the like stay plain text.
 */

export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A URL runs to the next space, quote or angle bracket; an address is name@domain.tld.
const LINKABLE =
  /\bhttps?:\/\/[^\s<>"'`]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
/** Punctuation that ends a sentence rather than the URL before it. */
const TRAILING = new Set([...".,;:!?)]}'»”"]);

/** Without the punctuation after it; a `)` stays when it closes one the URL opened. */
function trimmed(found: string): string {
  let end = found.length;
  while (end > 0 && TRAILING.has(found[end - 1]!)) {
    const head = found.slice(0, end);
    if (found[end - 1] === ')' && count(head, '(') >= count(head, ')')) break;
    end--;
  }
  return found.slice(0, end);
}

const count = (text: string, char: string) => text.split(char).length - 1;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const push = (part: TextPart) => {
    const previous = parts.at(-1);
    if (part.kind === 'text' && previous?.kind === 'text') previous.text += part.text;
    else if (part.text) parts.push(part);
  };
  for (const match of text.matchAll(LINKABLE)) {
    const found = trimmed(match[0]);
    const href = hrefOf(found);
    push({ kind: 'text', text: text.slice(last, match.index) });
    push(href ? { kind: 'link', text: found, href } : { kind: 'text', text: found });
    last = match.index + found.length;
  }
  push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function hrefOf(found: string): string | null {
  if (!/^https?:\/\//i.test(found)) return `mailto:${found}`;
  try {
    const url = new URL(found);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
