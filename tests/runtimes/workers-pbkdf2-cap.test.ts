/**
 * Workers refuse PBKDF2 above 100,000 iterations in production, and `wrangler dev` does not: the
 * Workers configuration must refuse a higher count itself, before it is ever used to hash.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { loadConfig, WORKERS_PBKDF2_MAX_ITERATIONS } from '../../edge/config.ts';
import { ROUTES } from '../../contract/routes.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler.ts';

const env = { TOKEN_SECRET: 'a-test-secret-long-enough-for-hs256-signing' };
const aboveCap = String(WORKERS_PBKDF2_MAX_ITERATIONS + 1);

describe('the PBKDF2 cap of Workers', () => {
  test('the Workers configuration refuses a count above the cap, with the reason', () => {
    assert.throws(
      () => loadConfig({ ...env, PBKDF2_ITERATIONS: aboveCap }, { runtime: 'workers' }),
      (error: Error) =>
        /Invalid configuration/.test(error.message) &&
        /PBKDF2_ITERATIONS: Cloudflare Workers refuse PBKDF2 above 100000 iterations/.test(
          error.message,
        ),
    );
  });

  test('on Workers the default is the cap itself, and the cap is accepted', () => {
    assert.equal(loadConfig(env, { runtime: 'workers' }).PBKDF2_ITERATIONS, 100_000);
    const atCap = { ...env, PBKDF2_ITERATIONS: String(WORKERS_PBKDF2_MAX_ITERATIONS) };
    assert.equal(loadConfig(atCap, { runtime: 'workers' }).PBKDF2_ITERATIONS, 100_000);
  });

  test('Node and Deno, which have no cap, may use more', () => {
    assert.equal(loadConfig({ ...env, PBKDF2_ITERATIONS: aboveCap }).PBKDF2_ITERATIONS, 100_001);
  });

  describe('a Worker configured above the cap under wrangler dev', () => {
    let worker: WranglerDev | undefined;
    after(() => worker?.stop());

    test(
      'serves nothing and logs why, although workerd itself would allow it',
      { timeout: 90_000 },
      async () => {
        worker = await startWranglerDev({
          ...env,
          LIBSQL_URL: 'http://127.0.0.1:9',
          PBKDF2_ITERATIONS: aboveCap,
        });
        const response = await fetch(new URL(ROUTES.config, worker.url));
        assert.equal(response.status, 503);
        await response.arrayBuffer();
        await worker.waitForOutput(
          /PBKDF2_ITERATIONS: Cloudflare Workers refuse PBKDF2 above 100000/,
        );
      },
    );
  });
});
