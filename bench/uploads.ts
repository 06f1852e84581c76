/**
 * Figure 5: uploads and memory. 32 customers' 10 MB files sent at once to the embedded default
 * (Node); the server process's peak resident memory must stay under 250 MB, and every file must
 * download with the sha256 it was sent with.
 *
 * Run alone: npm run bench:uploads
 */
import { createHash } from 'node:crypto';
import { ROUTES, apiPath } from '../contract/routes.ts';
import type { TicketDetails, TicketPage } from '../contract/types.ts';
import { logIn, pngOf } from './lib/customer.ts';
import { copyOf, dataset } from './lib/dataset.ts';
import { markdownTable, say, saveFigure } from './lib/report.ts';
import { fetchAgain, startNodeApi, temporaryFolder, usage } from './lib/servers.ts';

const UPLOADS = 32;
const FILE_BYTES = 10 * 1024 * 1024;
const BUDGET_BYTES = 250 * 1024 * 1024;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const db = copyOf(await dataset(10), temporaryFolder('bench-uploads-'));
const api = await startNodeApi({ database: db.file });
const memory = () => usage(api);

// One open ticket of each of 10 customers, files spread over them.
const owners = await Promise.all(
  Array.from({ length: 10 }, async (_, customer) => {
    const token = await logIn(api.url, customer);
    const auth = { authorization: `Bearer ${token}` };
    const page = (await (
      await fetch(new URL(`${ROUTES.tickets}?state=open`, api.url), { headers: auth })
    ).json()) as TicketPage;
    return { auth, number: page.items[0]!.number };
  }),
);
const files = Array.from({ length: UPLOADS }, () => pngOf(FILE_BYTES));
const sent = files.map((bytes) => createHash('sha256').update(bytes).digest('hex'));
const before = await memory();
say(
  `uploads: server idle at ${MB(before.rssBytes)} resident (peak so far ${MB(before.maxRssBytes)})`,
);

const started = performance.now();
const uploading = Promise.all(
  files.map(async (bytes, i) => {
    const owner = owners[i % owners.length]!;
    const response = await fetchAgain(() => {
      const form = new FormData();
      form.set('file', new File([bytes], `capture-${i}.png`, { type: 'image/png' }));
      return fetch(new URL(apiPath(ROUTES.attachments, { number: owner.number }), api.url), {
        method: 'POST',
        headers: owner.auth,
        body: form,
      });
    });
    if (response.status !== 201) {
      throw new Error(`upload ${i}: ${response.status} ${await response.text()}`);
    }
    const details = (await response.json()) as TicketDetails;
    const file = details.attachments.find((a) => a.name === `capture-${i}.png`)!;
    return { owner, id: file.id };
  }),
);
const uploaded = await uploading.catch((error) => {
  throw new Error(`${error} (${(error as Error).cause})\nserver output:\n${api.output()}`);
});
const seconds = (performance.now() - started) / 1000;
const after = await memory();
say(
  `uploads: ${UPLOADS} x ${MB(FILE_BYTES)} in ${seconds.toFixed(1)} s; server peak resident memory ${MB(after.maxRssBytes)}`,
);

let matching = 0;
for (const [i, { owner, id }] of uploaded.entries()) {
  const response = await fetchAgain(() =>
    fetch(new URL(apiPath(ROUTES.attachment, { number: owner.number, id }), api.url), {
      headers: owner.auth,
    }),
  );
  const digest = createHash('sha256')
    .update(new Uint8Array(await response.arrayBuffer()))
    .digest('hex');
  if (digest === sent[i]) matching++;
}
await api.stop();
say(`uploads: ${matching} of ${UPLOADS} downloads match their sha256`);

await saveFigure('5-uploads', {
  order: 5,
  title: 'Uploads and memory (Node, files on disk)',
  command: 'npm run bench:uploads',
  budgets: [
    {
      what: `peak resident memory of the server during ${UPLOADS} concurrent ${MB(FILE_BYTES)} uploads`,
      budget: '< 250 MB',
      measured: MB(after.maxRssBytes),
      met: after.maxRssBytes < BUDGET_BYTES,
    },
    {
      what: 'downloads whose sha256 matches the file sent',
      budget: `${UPLOADS} of ${UPLOADS}`,
      measured: `${matching} of ${UPLOADS}`,
      met: matching === UPLOADS,
    },
  ],
  body: `
${UPLOADS} uploads of a ${MB(FILE_BYTES)} file (the size limit; random bytes behind a PNG signature, so the
type check by content accepts them) to \`POST /api/tickets/:number/attachments\`, all started at
once from the benchmark's process, spread over one open ticket of each of 10 customers. Memory is
the server's own peak resident set (\`process.resourceUsage().maxRSS\`), read before and after.

${markdownTable(
  ['', 'value'],
  [
    ['server resident memory before', MB(before.rssBytes)],
    ['server peak resident memory after the uploads', MB(after.maxRssBytes)],
    ['time for all uploads', `${seconds.toFixed(1)} s`],
    ['downloads matching their sha256', `${matching} of ${UPLOADS}`],
  ],
)}

**How the files stream.** No file is held whole in the server's memory. The multipart body is
split as it arrives (\`edge/lib/form-parts.ts\`, boundaries found by \`multipasta\`'s streaming
search); the file part is a stream that pulls the request only as fast as the store writes.
\`edge/domain/uploads.ts\` reads its first 4 100 bytes to tell its type (\`file-type\` on that head,
against the extension allowlist), then passes each chunk on while counting it against the size
limit, checking text as UTF-8 chunk by chunk, and hashing it incrementally (\`@noble/hashes\`:
WebCrypto has no incremental digest). The disk store pipes the stream to a \`.partial\` file and
renames it when complete, so a file refused or cut off halfway leaves nothing. On Workers, R2 needs
a known length, so \`edge/workers/r2-store.ts\` gathers that one file (at most 10 MB) before \`put\`.
Hono's \`bodyLimit\` no longer guards the upload routes: a body without \`Content-Length\` it read
whole into memory first; the limit is now counted as the body streams (a declared length over it
is still refused before anything is read).
Before this (the platform's \`formData()\` parser, then \`arrayBuffer()\`, \`file-type\` and WebCrypto
each on a whole copy, as measured at commit 9bbbd24 on this machine the same day): peak 1577 MB,
28.5 s for the same ${UPLOADS} uploads.
${
  after.maxRssBytes < BUDGET_BYTES
    ? ''
    : `
**Not met.** The server idles at about ${MB(before.rssBytes)} (the app under tsx), which leaves
about ${MB((BUDGET_BYTES - before.rssBytes) / UPLOADS)} per upload; socket buffers, chunks in flight
and garbage not yet collected use more than that under this run's load.`
}
`,
});
