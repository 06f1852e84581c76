/**
 * The Custom Elements Manifest (`dist/custom-elements.json`, built by `npm run build` from the
 * element's JSDoc) lists everything a host can use, read here from the widget's source: every
 * attribute and public property, every public method, every `support-portal-*` event, the slots,
 * the parts (its own and those its screens export) and the `--sp-*` custom properties.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { INNER_PARTS, outerParts, type PartsOwner } from '../../widget/parts.ts';

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  tagName?: string;
  attributes?: (Named & { fieldName?: string })[];
  members?: (Named & { kind: string; privacy?: string; static?: boolean })[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
const element: Declaration = manifest.modules
  .flatMap((m: { declarations: Declaration[] }) => m.declarations)
  .find((d: Declaration) => d.tagName === 'support-portal');
const source = readFileSync('widget/support-portal.ts', 'utf8');
const widgetFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? widgetFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
const widgetSources = widgetFiles('widget').map((file) => ({
  file,
  text: readFileSync(file, 'utf8'),
}));
const widget = widgetSources.map(({ text }) => text);
const names = (list: Named[] | undefined) => (list ?? []).map((item) => item.name).sort();
const unique = (list: string[]) => [...new Set(list)].sort();
const documented = (list: Named[] | undefined) =>
  (list ?? []).filter((item) => !item.description?.trim()).map((item) => item.name);

test('the manifest defines <support-portal> from the package entry', () => {
  assert.ok(element, 'no declaration with tagName support-portal');
  const [module] = manifest.modules;
  assert.equal(module.path, 'dist/support-portal.js');
  assert.ok(
    module.exports.some(
      (e: { kind: string; name: string }) =>
        e.kind === 'custom-element-definition' && e.name === 'support-portal',
    ),
  );
});

test('every attribute and public property is in the manifest, described', () => {
  const properties = [...source.matchAll(/@property\(([^)]*)\)\s+(?:override\s+)?(\w+)/g)];
  const attributes = properties
    .filter(([, options]) => !options.includes('attribute: false'))
    .map(([, options, field]) => /attribute: '([^']+)'/.exec(options)?.[1] ?? field.toLowerCase());
  assert.deepEqual(names(element.attributes), unique(attributes));
  const publicFields = (element.members ?? [])
    .filter((m) => m.kind === 'field' && !m.privacy && !m.static)
    .map((m) => m.name);
  for (const [, , field] of properties) assert.ok(publicFields.includes(field), field);
  assert.deepEqual(documented(element.attributes), []);
});

test('every public method is in the manifest, described', () => {
  const body = source.slice(source.indexOf('export class SupportPortal'));
  const methods = [...body.matchAll(/^ {2}(?:async )?([a-z]\w*)\(/gm)].map(([, name]) => name);
  const listed = (element.members ?? []).filter((m) => m.kind === 'method' && !m.privacy);
  assert.deepEqual(names(listed), unique(methods));
  assert.deepEqual(documented(listed), []);
});

test('every support-portal-* event is in the manifest, described', () => {
  const events = widget.flatMap((text) =>
    [...text.matchAll(/type = '(support-portal-[a-z-]+)'/g)].map(([, name]) => name),
  );
  assert.ok(events.length > 0);
  assert.deepEqual(names(element.events), unique(events));
  assert.deepEqual(documented(element.events), []);
});

test('the React component has an onSupportPortal… prop for every event', () => {
  const react = readFileSync('widget/react.ts', 'utf8');
  const props = [...react.matchAll(/(onSupportPortal\w+):\s*'([a-z-]+)'/g)];
  for (const [, prop, event] of props) {
    const camel = event.replace(/(^|-)([a-z])/g, (_, _dash, letter: string) =>
      letter.toUpperCase(),
    );
    assert.equal(prop, `on${camel}`);
  }
  assert.deepEqual(unique(props.map(([, , event]) => event)), names(element.events));
});

test("every inner element's documented parts are exported under its name", () => {
  // The `@csspart` lines of each element inside the screens, by its tag without `sp-`/`-screen`.
  const documentedParts = widgetSources
    .filter(({ file }) => !file.endsWith('support-portal.ts'))
    .flatMap(({ file, text }) => {
      const parts = [...text.matchAll(/@csspart ([a-z-]+)/g)].map(([, name]) => name);
      if (!parts.length) return [];
      const tag = /`<sp-([a-z-]+?)(?:-screen)?>`/.exec(text)?.[1];
      assert.ok(tag, `${file}: no \`<sp-…>\` in its header`);
      return [[tag, parts] as const];
    });
  assert.ok(documentedParts.length >= 10);
  assert.deepEqual(
    Object.fromEntries(documentedParts),
    Object.fromEntries(Object.entries(INNER_PARTS).map(([owner, parts]) => [owner, [...parts]])),
  );
});

test('every slot, part and custom property is in the manifest, described', () => {
  const render = readFileSync('widget/render-screen.ts', 'utf8');
  const slots = [...`${source}${render}`.matchAll(/<slot name="([^"]+)"/g)].map(([, n]) => n);
  assert.deepEqual(names(element.slots), unique(slots));
  const header = readFileSync('widget/portal-frame.ts', 'utf8');
  const parts = [...`${source}${header}`.matchAll(/part="([^"]+)"/g)].map(([, name]) => name);
  const exported = (Object.keys(INNER_PARTS) as PartsOwner[]).flatMap(outerParts);
  assert.deepEqual(names(element.cssParts), unique([...parts, ...exported]));
  // Every custom property the styles read.
  const custom = widget.flatMap((text) =>
    [...text.matchAll(/var\(\s*(--sp-[a-z-]+)/g)].map(([, name]) => name),
  );
  assert.deepEqual(names(element.cssProperties), unique(custom));
  const all = [element.slots, element.cssParts, element.cssProperties];
  assert.deepEqual(all.flatMap(documented), []);
});
