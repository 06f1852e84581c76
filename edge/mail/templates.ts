/**
 * @module
 * `renderMail(template, language, values)`: one e-mail as subject, plain text and HTML. Every
 * value is HTML-escaped in the HTML part (a customer named `<script>` stays text), and the link
 * must be http(s), so a value can never become markup or a `javascript:` URL.
 */
import type { Language } from '../../contract/domain.ts';
import { TEXTS, type TemplateName } from './texts.ts';

export { TEMPLATE_NAMES, type TemplateName } from './texts.ts';

export interface MailValues {
  name: string;
  /** The ticket's number, for the ticket e-mails (or a stand-in SQL replaces, see acknowledgement.ts). */
  number?: number | string;
  /** The ticket's title: ticket e-mails add it to their subject after the number. */
  title?: string;
  /** A date already formatted for the reader (the first answer's due date). */
  due?: string;
  /** The link the e-mail leads to (set-password link, the ticket in the portal). */
  link?: string;
  /** The quoted solution or comment. */
  text?: string;
  /** One-click rating links, for scores 1 to 5 in order (the closing e-mails). */
  ratingLinks?: string[];
}

export interface RenderedMail {
  template: TemplateName;
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

type Placeholder = 'name' | 'number' | 'title' | 'due';

function fill(template: string, values: MailValues, escape: (value: string) => string): string {
  return template.replace(/\{(name|number|title|due)\}/g, (_, key: Placeholder) =>
    escape(String(values[key] ?? '')),
  );
}

function safeLink(link: string): string {
  const url = new URL(link);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`mail link must be http(s): ${url.protocol}`);
  }
  return url.href;
}

const plain = (value: string) => value;
/** Line breaks the sender typed stay line breaks in HTML. */
const paragraphHtml = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>');

export function renderMail(
  template: TemplateName,
  language: Language,
  values: MailValues,
): RenderedMail {
  const texts = TEXTS[language];
  const mail = texts.templates[template];
  const link = values.link === undefined ? undefined : safeLink(values.link);
  // Subjects are plain text (headers), never HTML: a name is not escaped there.
  const subjectText = values.title ? `${mail.subject} – {title}` : mail.subject;
  const subject = fill(subjectText, values, plain).replace(/[\r\n]+/g, ' ');
  const outro = mail.outro ?? [];
  const ratingLinks = (values.ratingLinks ?? []).map(safeLink);
  const scores = texts.rating.scores;

  const textParts = [
    fill(texts.greeting, values, plain),
    ...mail.intro.map((line) => fill(line, values, plain)),
    ...(values.text ? [values.text.replace(/^/gm, '> ')] : []),
    ...outro.map((line) => fill(line, values, plain)),
    ...(mail.action && link ? [`${fill(mail.action, values, plain)}: ${link}`] : []),
    ...(ratingLinks.length
      ? [
          [
            texts.rating.question,
            ...ratingLinks.map((rating, index) => `${scores[index]}: ${rating}`),
          ].join('\n'),
        ]
      : []),
    texts.signature,
  ];

  const p = (html: string) => `<p style="margin:0 0 1em">${html}</p>`;
  const htmlParts = [
    p(fill(texts.greeting, values, escapeHtml)),
    ...mail.intro.map((line) => p(fill(line, values, escapeHtml))),
    ...(values.text
      ? [
          `<blockquote style="margin:0 0 1em;padding:0.5em 1em;border-left:4px solid #0b57d0;background:#f3f6fc">${paragraphHtml(values.text)}</blockquote>`,
        ]
      : []),
    ...outro.map((line) => p(fill(line, values, escapeHtml))),
    ...(mail.action && link
      ? [
          p(
            `<a href="${escapeHtml(link)}" style="display:inline-block;padding:0.6em 1.2em;background:#0b57d0;color:#ffffff;border-radius:6px;text-decoration:none">${fill(mail.action, values, escapeHtml)}</a>`,
          ),
          p(`<span style="font-size:0.85em;color:#555">${escapeHtml(link)}</span>`),
        ]
      : []),
    ...(ratingLinks.length
      ? [
          p(escapeHtml(texts.rating.question)),
          p(
            ratingLinks
              .map(
                (rating, index) =>
                  `<a href="${escapeHtml(rating)}" style="display:inline-block;margin:0 0.4em 0.4em 0;padding:0.4em 0.8em;border:1px solid #0b57d0;border-radius:6px;color:#0b57d0;text-decoration:none">${escapeHtml(scores[index]!)}</a>`,
              )
              .join(''),
          ),
        ]
      : []),
    p(paragraphHtml(texts.signature)),
  ];
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1f1f1f;max-width:40em;margin:0 auto;padding:1em">${htmlParts.join('')}</body></html>`;

  return { template, subject, text: textParts.join('\n\n') + '\n', html };
}
