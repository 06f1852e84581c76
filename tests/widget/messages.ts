/**
 * @module
 * The widget's own copy for tests, by message id, as `widget/xliff/*.xlf` holds it: `m(id)` the
 * Spanish source (the default language), `en(id)` its English translation, `translated(language,
 * id)` any other. A test names what it expects (`m('solution.accept')`), so a copy edit does not
 * break it. Placeholders (`${...}`) are filled with `values` in the source's order.
 */
import type { Language } from '../../contract/domain.ts';

type Units = Map<string, Element>;

async function loadUnits(language: Exclude<Language, 'es'>): Promise<Units> {
  const xliff = await (await fetch(`/widget/xliff/${language}.xlf`)).text();
  const doc = new DOMParser().parseFromString(xliff, 'application/xml');
  return new Map([...doc.querySelectorAll('trans-unit')].map((unit) => [unit.id, unit]));
}

const english = await loadUnits('en');
const catalogs = new Map<Language, Promise<Units>>([['en', Promise.resolve(english)]]);

function fill(
  units: Units,
  id: string,
  part: 'source' | 'target',
  values: readonly (string | number)[],
): string {
  const text = units.get(id)?.querySelector(part);
  if (!text) throw new Error(`no ${part} of message ${id} in widget/xliff`);
  // A placeholder is `<x id="n"/>`, n its place in the source, whatever the translation's order.
  return [...text.childNodes]
    .map((node) =>
      node instanceof Element
        ? String(values[Number(node.getAttribute('id'))])
        : node.nodeType === Node.TEXT_NODE
          ? node.textContent
          : '',
    )
    .join('');
}

/** The Spanish text of message `id`, as the widget shows it. */
export function m(id: string, ...values: (string | number)[]): string {
  return fill(english, id, 'source', values);
}

/** The English text of message `id`, as the widget shows it in English. */
export function en(id: string, ...values: (string | number)[]): string {
  return fill(english, id, 'target', values);
}

/** The text of message `id` in `language`, as the widget shows it in that language. */
export async function translated(
  language: Language,
  id: string,
  ...values: (string | number)[]
): Promise<string> {
  if (language === 'es') return m(id, ...values);
  if (!catalogs.has(language)) catalogs.set(language, loadUnits(language));
  return fill(await catalogs.get(language)!, id, 'target', values);
}
