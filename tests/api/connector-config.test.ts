import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../edge/config.ts';
import { connectorFromConfig } from '../../edge/connectors/index.ts';

const base = { TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256' };

function problems(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

test('no RT settings: no connector', () => {
  assert.equal(connectorFromConfig(loadConfig(base)), undefined);
});

test('RT settings that cannot work stop the start with a message naming them', () => {
  assert.match(problems({ RT_URL: 'https://rt.example.com' }), /RT_TOKEN: RT_URL needs RT_TOKEN/);
  assert.match(problems({ RT_TOKEN: 'abc' }), /RT_URL: RT_URL is required with RT_TOKEN/);
  assert.match(problems({ RT_URL: 'ftp://rt.example.com', RT_TOKEN: 'a' }), /RT_URL/);
  assert.match(
    problems({ RT_URL: 'https://rt.example.com', RT_TOKEN: 'a', RT_QUEUES: '{nope' }),
    /RT_QUEUES must be JSON/,
  );
  assert.match(
    problems({ RT_URL: 'https://rt.example.com', RT_TOKEN: 'a', RT_PRIORITIES: '{"low":1}' }),
    /RT_PRIORITIES\.medium/,
  );
  assert.match(
    problems({ RT_URL: 'https://rt.example.com', RT_TOKEN: 'a', RT_SYNC_SECONDS: '0' }),
    /RT_SYNC_SECONDS/,
  );
  assert.match(
    problems({ RT_URL: 'https://rt.example.com', RT_BASIC_AUTH: 'root:password' }),
    /RT_BASIC_AUTH: RT_BASIC_AUTH is for development/,
  );
});

test('a complete RT configuration makes the RT connector', () => {
  const config = loadConfig({
    ...base,
    RT_URL: 'https://rt.example.com',
    RT_TOKEN: '1-14-abc',
    RT_QUEUES: '{"infra":"Infrastructure"}',
  });
  assert.deepEqual(config.RT_QUEUES, { infra: 'Infrastructure' });
  assert.deepEqual(config.RT_PRIORITIES, { low: 0, medium: 50, high: 75, critical: 100 });
  assert.equal(connectorFromConfig(config)?.name, 'rt');
});
