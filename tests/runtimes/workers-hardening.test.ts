/**
 * What the outside review found on the Worker (`wrangler dev` with a real sqld and local R2),
 * each checked on the Worker itself: unknown API routes, security headers on every path.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSqld, type LibsqlServer } from './support/sqld.ts';
import { assertUnknownRoutes } from './support/unknown-routes.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const SHOP = 'https://shop.example.com';

let sqld: LibsqlServer | undefined;
let worker: WranglerDev | undefined;

before(
  async () => {
    sqld = await startSqld();
    worker = await startWranglerDev({
      LIBSQL_URL: sqld.url,
      TOKEN_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      ALLOWED_ORIGINS: SHOP,
    });
  },
  { timeout: 90_000 },
);

after(async () => {
  await Promise.allSettled([worker?.stop(), sqld?.stop()]);
});

const url = (path: string) => new URL(path, worker!.url);

describe('the Worker after the outside review', () => {
  test('unknown API routes and methods answer the JSON error with its code', async () => {
    await assertUnknownRoutes(worker!.url);
  });

  test('every path it serves carries the security headers, not only /api/', async () => {
    const requests: [string, RequestInit?][] = [
      ['/'],
      ['/index.html'],
      ['/no/such/page'],
      ['/dist/support-portal.js'],
      ['/', { method: 'POST', body: 'x' }],
      ['/api/config'],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(url(path), init);
      await response.arrayBuffer();
      const context = `${init?.method ?? 'GET'} ${path}`;
      assert.match(
        response.headers.get('content-security-policy') ?? '',
        /frame-ancestors 'none'/,
        context,
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', context);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', context);
    }
  });
});
