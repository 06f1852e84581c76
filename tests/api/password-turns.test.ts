import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { createApp } from '../../edge/app.ts';
import { ROUTES } from '../../contract/routes.ts';
import { sessions } from '../../edge/db/schema.ts';
import { ServerBusyError } from '../../edge/errors.ts';
import { turns, type InTurn } from '../../edge/lib/turns.ts';
import { DEMO_LOGIN, startPortal, type TestPortal } from '../support/app.ts';
import { byDeadline, nextTurn } from '../support/deadline.ts';

/** A task that runs until the test lets it finish. */
function held(log: string[], name: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.push(`${name} runs`);
    await released;
    log.push(`${name} ends`);
    return name;
  };
  return { task, release };
}

describe('turns for expensive work', () => {
  test('one at a time here: the next waits its turn, first come first served, and past the queue it is refused', async () => {
    const inTurn = turns('jobs', 1, 1);
    const log: string[] = [];
    const first = held(log, 'first');
    const running = inTurn(first.task);
    const waiting = inTurn(async () => {
      log.push('second runs');
      return 'second';
    });
    // Refused because the second waits in the one place of the queue.
    await assert.rejects(
      inTurn(async () => 'third'),
      ServerBusyError,
    );
    await nextTurn();
    assert.deepEqual(log, ['first runs']);
    first.release();
    assert.equal(await byDeadline(running, 'the first task'), 'first');
    assert.equal(await byDeadline(waiting, 'the second task'), 'second');
    assert.deepEqual(log, ['first runs', 'first ends', 'second runs']);
  });

  test('a task that fails gives its turn back', async () => {
    const inTurn = turns('jobs', 1, 0);
    await assert.rejects(
      inTurn(async () => {
        throw new Error('broken');
      }),
      /broken/,
    );
    assert.equal(await inTurn(async () => 'next'), 'next');
  });
});

describe('log ins while password hashes are busy', () => {
  let portal: TestPortal;
  before(async () => {
    portal = await startPortal();
  });
  after(() => portal.close());

  test('a log in that finds the hashes busy and the queue full gets 503 with a time to retry, and no session', async () => {
    const hashes = turns('password hashes', 1, 0);
    let hashing!: () => void;
    const started = new Promise<void>((resolve) => (hashing = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The first hash holds the only turn until the test has seen the second log in refused.
    const passwordTurns: InTurn = (task) =>
      hashes(async () => {
        hashing();
        await released;
        return task();
      });
    const app = createApp({ ...portal.ports, passwordTurns });
    const logIn = () =>
      app.request(ROUTES.session, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(DEMO_LOGIN),
      });
    const sessionCount = async () => (await portal.db.select({ n: count() }).from(sessions))[0]!.n;
    const before = await sessionCount();

    const first = logIn();
    await started;
    const refused = await logIn();
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '5');
    const body = await refused.json();
    assert.equal(body.error.code, 'service_unavailable');
    assert.equal(body.error.retryAfterSeconds, 5);
    assert.equal(await sessionCount(), before);

    release();
    assert.equal((await first).status, 201);
    assert.equal(await sessionCount(), before + 1);
  });
});
