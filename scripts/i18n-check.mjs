/**
 * `npm run i18n:check`: fails when the committed translations are not what `npm run i18n` would
 * write (a new message not extracted to widget/xliff, a translation not built into
 * widget/i18n/locales). Runs `npm run i18n` on a copy in a temporary folder, so it never
 * rewrites a file of the working tree; `npm test` runs this, and a person runs `npm run i18n`.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What `npm run i18n` reads. */
const INPUTS = [
  'package.json',
  'lit-localize.json',
  'tsconfig.json',
  '.prettierrc.json',
  '.prettierignore',
  'scripts',
  'widget',
  'contract',
];
/** What it writes. */
const OUTPUTS = ['widget/xliff', 'widget/i18n/locales', 'widget/i18n/locale-codes.ts'];

/** The files under `path` (or `path` itself), relative to `root`. */
function files(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => files(root, `${path}/${name}`));
}

const copy = mkdtempSync(join(tmpdir(), 'i18n-check-'));
try {
  for (const path of INPUTS)
    if (existsSync(path)) cpSync(path, join(copy, path), { recursive: true });
  symlinkSync(resolve('node_modules'), join(copy, 'node_modules'), 'dir');
  execFileSync('npm', ['run', 'i18n', '--silent'], {
    cwd: copy,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const paths = new Set(OUTPUTS.flatMap((path) => [...files('.', path), ...files(copy, path)]));
  const stale = [...paths].filter((path) => {
    const read = (root) =>
      existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : null;
    return read('.') !== read(copy);
  });
  if (stale.length > 0) {
    console.error(
      `Translations are out of date in:\n  ${stale.join('\n  ')}\nRun \`npm run i18n\`, translate any new <trans-unit> in widget/xliff/*.xlf, run it again and commit the result.`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
