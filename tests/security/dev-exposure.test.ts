/**
 * Development mode mounts the mail outbox (live set-password links) and the demo partner's token
 * endpoint: edge/node.ts refuses to listen beyond loopback in development unless SHARE_DEMO=1
 * says the demo is meant to be shared, and then says so on start.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { startupCheck } from '../../edge/node/startup-check.ts';
import {
  childEnv,
  REPO_ROOT,
  removeFolder,
  temporaryFolder,
} from '../../edge/node/child-servers.ts';

describe('startupCheck', () => {
  const cases: [Record<string, string>, 'refused' | 'warned' | 'quiet'][] = [
    [{}, 'quiet'],
    [{ HOST: '127.0.0.1' }, 'quiet'],
    [{ HOST: '127.8.9.10' }, 'quiet'],
    [{ HOST: '::1' }, 'quiet'],
    [{ HOST: 'localhost' }, 'quiet'],
    [{ HOST: '0.0.0.0' }, 'refused'],
    [{ HOST: '::' }, 'refused'],
    [{ HOST: '192.168.1.20' }, 'refused'],
    [{ HOST: 'portal.example.com' }, 'refused'],
    [{ HOST: '0.0.0.0', ENVIRONMENT: 'development' }, 'refused'],
    [{ HOST: '0.0.0.0', SHARE_DEMO: '0' }, 'refused'],
    [{ HOST: '0.0.0.0', SHARE_DEMO: '1' }, 'warned'],
    [{ HOST: '0.0.0.0', ENVIRONMENT: 'production' }, 'quiet'],
  ];
  for (const [env, expected] of cases) {
    test(`${JSON.stringify(env)}: ${expected}`, () => {
      const { refusal, notices } = startupCheck(env);
      const outcome = refusal ? 'refused' : notices.length ? 'warned' : 'quiet';
      assert.equal(outcome, expected);
      if (refusal) assert.match(refusal, /SHARE_DEMO=1/);
      if (notices.length) assert.match(notices.join('\n'), /\/dev\/outbox/);
    });
  }
});

describe('edge/node.ts', () => {
  const dataDir = temporaryFolder('portal-dev-exposure-');
  after(() => removeFolder(dataDir));

  test('in development, HOST=0.0.0.0 stops the start with the reason, before listening', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'edge/node.ts'], {
      cwd: REPO_ROOT,
      env: childEnv({ HOST: '0.0.0.0', PORT: '1', DATA_DIR: dataDir }),
      encoding: 'utf8',
      // Only so a server that did start cannot hang the suite; the assertion is on the exit.
      timeout: 60_000,
      killSignal: 'SIGKILL',
    });
    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /HOST=0\.0\.0\.0.*SHARE_DEMO=1/s);
    assert.doesNotMatch(run.stdout, /running at/);
  });
});
