/**
 * @module
 * The widget's own copy for tests, by message id, as `widget/xliff/en.xlf` holds it: `m(id)` the
 * Spanish source (the default language), `en(id)` its English translation. A test names what it
 * expects (`m('solution.accept')`), so a copy edit does not break it. Placeholders (`${...}`) are
 * filled with `values` in the source's order.
 */

async function loadUnits(): Promise<Map<string, Element>> {
  const xliff = await (await fetch('/widget/xliff/en.xlf')).text();
  const doc = new DOMParser().parseFromString(xliff, 'application/xml');
  return new Map([...doc.querySelectorAll('trans-unit')].map((unit) => [unit.id, unit]));
}

const units = await loadUnits();

function fill(id: string, part: 'source' | 'target', values: readonly (string | number)[]): string {
  const text = units.get(id)?.querySelector(part);
  if (!text) throw new Error(`no ${part} of message ${id} in widget/xliff/en.xlf`);
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
  return fill(id, 'source', values);
}

/** The English text of message `id`, as the widget shows it in English. */
export function en(id: string, ...values: (string | number)[]): string {
  return fill(id, 'target', values);
}
