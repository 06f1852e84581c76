/**
 * The urgencies' one-line definitions a deployment may set (`URGENCY_DEFINITIONS`): served to
 * the widget by `GET /api/config` as given, none by default, and a setting that is not JSON or
 * names an unknown urgency or language stops the start.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTES } from '../../contract/routes.ts';
import type { PublicConfig } from '../../contract/types.ts';
import { loadConfig } from '../../edge/config.ts';
import { startPortal, type TestPortal } from '../support/app.ts';

const DEFINITIONS = {
  critical: { es: 'La planta está parada.', en: 'The plant is down.' },
  low: { ca: 'Una consulta.' },
};

const SECRET = { TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters' };

let portal: TestPortal;
before(async () => {
  portal = await startPortal({ URGENCY_DEFINITIONS: JSON.stringify(DEFINITIONS) });
});
after(() => portal.close());

describe('urgency definitions', () => {
  test('served to the widget as the deployment set them', async () => {
    const config = (await (await portal.request(ROUTES.config)).json()) as PublicConfig;
    assert.deepEqual(config.urgencyDefinitions, DEFINITIONS);
  });

  test('none by default: the widget then uses its own', () => {
    assert.deepEqual(loadConfig(SECRET).URGENCY_DEFINITIONS, {});
  });

  for (const [what, value] of [
    ['not JSON', '{critical:'],
    ['an unknown urgency', '{"blocker": {"es": "x"}}'],
    ['an unknown language', '{"low": {"de": "x"}}'],
    ['an empty definition', '{"low": {"es": " "}}'],
  ]) {
    test(`refuses ${what}`, () => {
      assert.throws(
        () => loadConfig({ ...SECRET, URGENCY_DEFINITIONS: value }),
        /URGENCY_DEFINITIONS/,
      );
    });
  }
});
