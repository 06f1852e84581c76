import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESK_ROUTES } from '../../contract/desk-routes.ts';
import type { DeskCategory } from '../../contract/desk-types.ts';
import { LANGUAGES, type Labels } from '../../contract/domain.ts';
import { ROUTES } from '../../contract/routes.ts';
import type { CategoryNode } from '../../contract/types.ts';
import type { TestPortal } from '../support/app.ts';
import { DEMO_LOGIN } from '../support/app.ts';
import { logIn, type CustomerSession } from '../support/customer.ts';
import { DeskClient, startDesk } from './support.ts';

let portal: TestPortal;
let desk: DeskClient;
let customer: CustomerSession;
before(async () => {
  ({ portal, desk } = await startDesk());
  customer = await logIn(portal, DEMO_LOGIN.email, DEMO_LOGIN.password);
});
after(() => portal.close());

const labels = (text: string): Labels =>
  Object.fromEntries(LANGUAGES.map((language) => [language, `${text} (${language})`])) as Labels;

const find = <T extends { id: string; children: T[] }>(nodes: T[], id: string): T | undefined =>
  nodes.map((node) => (node.id === id ? node : find(node.children, id))).find(Boolean);

const save = (categories: unknown) => desk.send('POST', DESK_ROUTES.categories, { categories });

describe('categories through the desk API', () => {
  test('the whole tree, with labels in six languages and the hidden type', async () => {
    const tree = await desk.json<DeskCategory[]>('GET', DESK_ROUTES.categories);
    const leaf = find(tree, 'software.erp.error')!;
    assert.equal(leaf.type, 'incident');
    assert.deepEqual(Object.keys(leaf.labels).sort(), [...LANGUAGES].sort());
    assert.equal(find(tree, 'software')!.type, null);
  });

  test('adds a branch with a leaf, relabels one, hides one; customers see it at once', async () => {
    const response = await save([
      {
        id: 'facilities',
        labels: labels('Facilities'),
        children: [
          { id: 'facilities.keys', labels: labels('New keys'), type: 'request' },
          { id: 'facilities.heating', labels: labels('Heating broken'), type: 'incident' },
        ],
      },
    ]);
    assert.equal(response.status, 200);
    const tree = (await response.json()) as DeskCategory[];
    assert.equal(find(tree, 'facilities.keys')!.type, 'request');
    assert.ok(find(tree, 'software.erp.error'), 'categories left out are kept');

    const seen = (await (await customer.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.equal(find(seen, 'facilities.keys')!.label, 'New keys (es)');
    const ticket = await customer.newTicket({ category: 'facilities.keys' });
    assert.equal(ticket.category.label, 'New keys (es)');

    await save([
      {
        id: 'facilities',
        labels: labels('Facilities'),
        children: [
          { id: 'facilities.keys', labels: labels('Keys and badges'), type: 'request' },
          {
            id: 'facilities.heating',
            labels: labels('Heating broken'),
            type: 'incident',
            active: false,
          },
        ],
      },
    ]);
    const after = (await (await customer.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.equal(find(after, 'facilities.keys')!.label, 'Keys and badges (es)');
    assert.equal(find(after, 'facilities.heating'), undefined, 'inactive: hidden from customers');
    const refused = await customer.createTicket({ category: 'facilities.heating' });
    assert.equal(refused.status, 400);
  });

  test('guidance: help and keywords in every language for the desk, one language for customers', async () => {
    const help = {
      text: labels('Check the status page first'),
      links: [{ label: labels('Status page'), url: 'https://status.example.com' }],
    };
    const keywords = { en: ['badge', 'door'], es: ['tarjeta'] };
    const response = await save([
      {
        id: 'premises',
        labels: labels('Premises'),
        help,
        children: [{ id: 'premises.badge', labels: labels('Badge'), type: 'request', keywords }],
      },
    ]);
    assert.equal(response.status, 200);
    const tree = await desk.json<DeskCategory[]>('GET', DESK_ROUTES.categories);
    assert.deepEqual(find(tree, 'premises')!.help, help);
    assert.deepEqual(find(tree, 'premises')!.keywords, {});
    assert.deepEqual(find(tree, 'premises.badge')!.keywords, keywords);
    assert.equal(find(tree, 'premises.badge')!.help, null);

    const seen = (await (await customer.request(ROUTES.categories)).json()) as CategoryNode[];
    assert.deepEqual(find(seen, 'premises')!.help, {
      text: 'Check the status page first (es)',
      links: [{ label: 'Status page (es)', url: 'https://status.example.com' }],
    });
    assert.deepEqual(find(seen, 'premises.badge')!.keywords, ['tarjeta']);
  });

  test('guidance with a link that is not https is refused and changes nothing', async () => {
    const before = await desk.json<DeskCategory[]>('GET', DESK_ROUTES.categories);
    for (const url of [
      'javascript:alert(document.domain)',
      'http://status.example.com',
      'data:text/html,x',
    ]) {
      const response = await save([
        {
          id: 'software',
          labels: labels('Hijacked'),
          help: { text: labels('Click'), links: [{ label: labels('Here'), url }] },
          children: [{ id: 'software.erp.error', labels: labels('Error'), type: 'incident' }],
        },
      ]);
      assert.equal(response.status, 400, url);
      assert.equal((await response.json()).error.code, 'validation_failed');
    }
    assert.deepEqual(await desk.json('GET', DESK_ROUTES.categories), before);
  });

  test('an invalid tree is refused and changes nothing', async () => {
    const before = await desk.json<DeskCategory[]>('GET', DESK_ROUTES.categories);
    const { es: _missing, ...fiveLanguages } = labels('X');
    const cases: unknown[] = [
      [],
      [{ id: 'x', labels: fiveLanguages, type: 'request' }],
      [{ id: 'x', labels: labels('X') }],
      [
        {
          id: 'x',
          labels: labels('X'),
          type: 'request',
          children: [{ id: 'y', labels: labels('Y'), type: 'request' }],
        },
      ],
      [{ id: 'x', labels: labels('X'), type: 'bug' }],
      [{ id: 'X Y', labels: labels('X'), type: 'request' }],
      [{ id: 'x', labels: labels('X'), type: 'request', sortOrder: 3 }],
    ];
    for (const categories of cases) {
      const response = await save(categories);
      assert.equal(response.status, 400, JSON.stringify(categories));
      assert.equal((await response.json()).error.code, 'validation_failed');
    }
    const extra = await desk.send('POST', DESK_ROUTES.categories, {
      categories: [],
      replace: true,
    });
    assert.equal(extra.status, 400);
    assert.deepEqual(await desk.json('GET', DESK_ROUTES.categories), before);
  });
});
