/**
 * `npm run pack:widget`: builds the widget (build-widget.mjs copies it into
 * `packages/support-portal/dist`) and packs the npm package `support-portal` into a tarball in
 * `.pack/`, whose path is the last line printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const destination = resolve('.pack');
mkdirSync(destination, { recursive: true });
if (!process.argv.includes('--no-build')) {
  execFileSync('node', ['scripts/build-widget.mjs'], { stdio: ['ignore', 'inherit', 'inherit'] });
}
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: 'packages/support-portal',
    encoding: 'utf8',
  }),
);
console.log(`${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KB`);
console.log(resolve(destination, packed.filename));
