/**
 * @module
 * The admin command line run in-process (`runAdmin`) on a test's ports, with what it prints
 * collected as the terminal would show it. One smoke test in tests/api/admin.test.ts still runs
 * it as `npm run admin` does, in its own process.
 */
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { runAdmin } from '../../edge/scripts/admin/run.ts';
import type { Ports } from '../../edge/ports.ts';

function collector() {
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        stream.text += chunk.toString('utf8');
        done();
      },
    }),
    { text: '' },
  );
  return stream;
}

export async function admin(ports: Ports, ...argv: string[]) {
  const stdout = collector();
  const stderr = collector();
  const code = await runAdmin(argv, ports, new Console({ stdout, stderr, colorMode: false }));
  return { code, stdout: stdout.text, stderr: stderr.text };
}
