/**
 * The npm package as a customer's project gets it: `npm run pack:widget`'s tarball installed
 * into an empty project (react and react-dom from npm's cache when it has them, the tarball
 * from disk) and bundled with esbuild through the package's `exports`. Needs `npm run build` first (the
 * `test:embed` script runs it).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as esbuild from 'esbuild';

const project = mkdtempSync(join(tmpdir(), 'portal-customer-'));
let tarball = '';
const installed = (path: string) => join(project, 'node_modules', 'support-portal', path);

before(() => {
  const output = execFileSync('node', ['scripts/pack-widget.mjs', '--no-build'], {
    encoding: 'utf8',
  });
  tarball = output.trim().split('\n').at(-1)!;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'customer-app', private: true, type: 'module' }),
  );
  // The versions this repository uses. `npm ci` caches their tarballs but not the registry's
  // entry for each name, which an install by version reads: on a fresh machine that one comes
  // from the registry.
  const { devDependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
  const react = [`react@${devDependencies.react}`, `react-dom@${devDependencies['react-dom']}`];
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...react],
    {
      cwd: project,
      stdio: 'pipe',
    },
  );
});
after(() => rmSync(project, { recursive: true, force: true }));

test('pack:widget prints the tarball, which holds only the built widget, types and manifest', () => {
  assert.match(tarball, /support-portal-\d+\.\d+\.\d+\.tgz$/);
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  const strays = files.filter(
    (file) =>
      !/^package\/(package\.json|README\.md|dist\/.+\.(js|js\.map|LEGAL\.txt|d\.ts)|dist\/custom-elements\.json)$/.test(
        file,
      ),
  );
  assert.deepEqual(strays, []);
  for (const part of ['edge/', 'tests/', 'bench/', 'widget/']) {
    assert.ok(!files.some((file) => file.startsWith(`package/${part}`)), part);
  }
  assert.ok(files.includes('package/dist/support-portal.js'));
  assert.ok(files.includes('package/dist/react.js'));
  assert.ok(files.includes('package/dist/custom-elements.json'));
});

test('the installed package depends on no server library and points at its manifest', () => {
  const manifest = JSON.parse(readFileSync(installed('package.json'), 'utf8'));
  const named = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const server of ['hono', 'drizzle-orm', '@libsql/client', 'zod', 'jose']) {
    assert.ok(!named.includes(server), server);
  }
  assert.deepEqual(manifest.dependencies ?? {}, {});
  assert.equal(manifest.customElements, './dist/custom-elements.json');
  const elements = JSON.parse(readFileSync(installed(manifest.customElements), 'utf8'));
  const tags = elements.modules.flatMap((m: { declarations: { tagName?: string }[] }) =>
    m.declarations.map((d) => d.tagName),
  );
  assert.deepEqual(tags, ['support-portal']);
});

test('esbuild bundles the element and the React component from the installed package', async () => {
  writeFileSync(
    join(project, 'element.js'),
    "import 'support-portal';\nconsole.log(customElements.get('support-portal'));\n",
  );
  writeFileSync(
    join(project, 'app.jsx'),
    [
      "import { createRoot } from 'react-dom/client';",
      "import { SupportPortal } from 'support-portal/react';",
      'createRoot(document.body).render(<SupportPortal api="https://api.example" onSupportPortalLogin={() => {}} />);',
    ].join('\n'),
  );
  const result = await esbuild.build({
    absWorkingDir: project,
    entryPoints: ['element.js', 'app.jsx'],
    bundle: true,
    splitting: true,
    format: 'esm',
    jsx: 'automatic',
    outdir: join(project, 'out'),
    metafile: true,
    logLevel: 'silent',
  });
  assert.deepEqual(result.errors, []);
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.includes('node_modules/support-portal/dist/support-portal.js'));
  assert.ok(inputs.includes('node_modules/support-portal/dist/react.js'));
  assert.ok(inputs.some((input) => input.startsWith('node_modules/react-dom/')));
  // One copy of the element, shared by both entries.
  const element = Object.values(result.metafile.outputs).filter(
    (output) => 'node_modules/support-portal/dist/support-portal.js' in output.inputs,
  );
  assert.equal(element.length, 1);
});
