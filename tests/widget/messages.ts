/**
 * @module
 * The widget's own copy for tests, by message id: the Spanish source (the default language) as
 * `widget/xliff/*.xlf` holds it, so a test names what it expects (`m('solution.accept')`) and a
 * copy edit does not break it. Placeholders (`${...}`) are filled with `values` in order.
 */

async function loadSources(): Promise<Map<string, Element>> {
  const xliff = await (await fetch('/widget/xliff/en.xlf')).text();
  const doc = new DOMParser().parseFromString(xliff, 'application/xml');
  const sources = new Map<string, Element>();
  for (const unit of doc.querySelectorAll('trans-unit')) {
    const source = unit.querySelector('source');
    if (source) sources.set(unit.getAttribute('id')!, source);
  }
  return sources;
}

const sources = await loadSources();

/** The Spanish text of message `id`, as the widget shows it. */
export function m(id: string, ...values: (string | number)[]): string {
  const source = sources.get(id);
  if (!source) throw new Error(`no message ${id} in widget/xliff`);
  let next = 0;
  return [...source.childNodes]
    .map((node) => (node.nodeType === Node.TEXT_NODE ? node.textContent : String(values[next++])))
    .join('');
}
