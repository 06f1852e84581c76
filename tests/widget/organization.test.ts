/**
 * Organizations in the widget, in Chromium against the real API: the "Mine / My organization"
 * switch (managers only) and what a manager may not do; a colleague in copy who sees a ticket,
 * adds information and puts another colleague in copy; colleagues chosen on a new ticket.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { SupportPortal } from '../../widget/support-portal.ts';
import {
  $,
  $$,
  API,
  button,
  logIn,
  mountPortal,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
} from './helpers.ts';
import { label } from './categories.ts';
import { en, m } from './messages.ts';
import { replyBoxOf, textOf } from './ticket-flow-helpers.ts';

interface Person {
  id: string;
  email: string;
  password: string;
  name: string;
}

interface TestOrganization {
  manager: Person;
  requester: Person;
  colleague: Person;
  neighbour: Person;
  tickets: { shared: number; own: number };
}

async function newOrganization(): Promise<TestOrganization> {
  const response = await fetch(`${API}/test/organization`, { method: 'POST' });
  if (!response.ok) throw new Error(`test organization: ${response.status}`);
  return response.json();
}

afterEach(() => sessionStorage.clear());

async function portalAs(person: Person, hash = '') {
  const el = await mountPortal({ routing: 'hash' });
  location.hash = hash || '#sp/home';
  await logIn(el, person);
  return el;
}

async function openList(el: SupportPortal) {
  button(await screenNamed(el, 'sp-home-screen'), m('home.open')).click();
  return screenNamed(el, 'sp-ticket-list-screen');
}

const rowNumbers = (list: Element) => $$(list, 'li').map((item) => Number(item.dataset.number));

describe('organization tickets', () => {
  it('a manager with no tickets of their own: the list opens on the organization’s, read-only, and remembers a choice', async () => {
    const org = await newOrganization();
    const el = await portalAs(org.manager);
    let list = await openList(el);
    await waitForText(list, m('ticket.number', org.tickets.shared));
    const group = $(list, '[role="group"]')!;
    expect(group.getAttribute('aria-label')).to.equal(m('tickets.scope'));
    expect(button(list, m('tickets.scope_organization')).getAttribute('aria-pressed')).to.equal(
      'true',
    );
    expect(textOf($(list, '.scope-note'))).to.equal(
      `${m('tickets.scopeFallback')} ${m('tickets.scopeReadOnly')}`,
    );
    const search = $(list, 'sp-ticket-search-box')!;
    expect(textOf($(search, 'label[for="query"]'))).to.equal(m('search.labelOrganization'));

    button(list, m('tickets.scope_mine')).click();
    await waitForText(list, m('tickets.none_open'));
    expect(button(list, m('tickets.scope_mine')).getAttribute('aria-pressed')).to.equal('true');
    expect($(list, '.scope-note')).to.equal(null);
    expect(textOf($(search, 'label[for="query"]'))).to.equal(m('search.label'));
    // Chosen, so remembered: back on the list, "Mine" stays, empty as it is.
    button(el, m('portal.home')).click();
    list = await openList(el);
    await waitForText(list, m('tickets.none_open'));
    expect(button(list, m('tickets.scope_mine')).getAttribute('aria-pressed')).to.equal('true');

    button(list, m('tickets.scope_organization')).click();
    await waitForText(list, m('ticket.number', org.tickets.shared));
    expect(textOf($(list, '.scope-note'))).to.equal(m('tickets.scopeReadOnly'));
    expect(button(list, m('tickets.scope_organization')).getAttribute('aria-pressed')).to.equal(
      'true',
    );
    expect(rowNumbers(list)).to.deep.equal([org.tickets.own, org.tickets.shared]);
    const text = visibleText(list);
    expect(text).to.include(`${m('ticket.requester')} ${org.requester.name}`);
    expect(text).to.include(`${m('ticket.requester')} ${org.neighbour.name}`);
    // Read-only: no pen, no tick on other people's tickets.
    expect($$(list, '.row-actions')).to.have.length(0);
    expect(await seriousViolations(el)).to.deep.equal([]);

    button(list, m('ticket.number', org.tickets.shared)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'The VPN drops every few minutes.');
    expect(visibleText(details)).to.include(org.requester.name);
    expect(visibleText(details)).to.include(org.colleague.name);
    expect($(details, 'sp-ticket-reply-box')).to.equal(null);
    expect($(details, 'sp-attach-file')).to.equal(null);
    const colleagues = $(details, 'sp-ticket-colleagues')!;
    expect($(colleagues, 'sp-colleague-picker')).to.equal(null);
  });

  it('shows no switch to a customer who is not a manager', async () => {
    const org = await newOrganization();
    const el = await portalAs(org.requester);
    const list = await openList(el);
    await waitForText(list, m('ticket.number', org.tickets.shared));
    expect($(list, '[role="group"]')).to.equal(null);
    expect(rowNumbers(list)).to.deep.equal([org.tickets.shared]);
    expect(visibleText(list)).not.to.include(m('ticket.requester'));
  });
});

describe('colleagues in copy', () => {
  it('a colleague in copy sees the ticket, adds information and puts another colleague in copy', async () => {
    const org = await newOrganization();
    const el = await portalAs(org.colleague);
    const list = await openList(el);
    await waitForText(list, m('ticket.number', org.tickets.shared));
    expect(visibleText(list)).to.include(`${m('ticket.requester')} ${org.requester.name}`);
    // The pen is there; the tick (answering the solution) is the requester's alone.
    expect(button(list, m('tickets.reply', org.tickets.shared))).to.be.ok;
    expect(
      $$(list, 'button').some(
        (b) => b.getAttribute('aria-label') === m('tickets.answer_solution', org.tickets.shared),
      ),
    ).to.equal(false);

    button(list, m('tickets.reply', org.tickets.shared)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'The VPN drops every few minutes.');
    const reply = await replyBoxOf(details);
    type(reply.text, 'It also drops at the warehouse.');
    button(reply.box, m('reply.submit')).click();
    await waitForText(reply.box, m('reply.done'));
    await waitForText(details, 'It also drops at the warehouse.');
    expect(visibleText(details)).to.include(org.colleague.name);
    const colleagues = $(details, 'sp-ticket-colleagues')!;
    const picker = $(colleagues, 'sp-colleague-picker')!;
    const toggle = button(picker, m('colleagues.add'));
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitForText(picker, org.neighbour.name);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    // Neither the requester nor who is already in copy is offered.
    const offered = visibleText(picker);
    expect(offered).not.to.include(org.requester.name);
    expect(offered).not.to.include(org.colleague.name);
    expect(offered).to.include(org.manager.name);
    expect(await seriousViolations(el)).to.deep.equal([]);

    const box = $$(picker, 'label').find((label) => textOf(label).includes(org.neighbour.name))!;
    (box.querySelector('input') as HTMLInputElement).click();
    button(colleagues, m('colleagues.submit')).click();
    await waitForText(colleagues, m('colleagues.added'));
    await waitForText(details, m('timeline.colleague_added', org.neighbour.name));
    expect(textOf($(colleagues, 'ul'))).to.include(org.neighbour.name);
  });
});

/** The box of each colleague offered in the open picker, with its row. */
function choices(picker: Element) {
  return $$(picker, 'label.choice').map((row) => ({
    row: row.getBoundingClientRect(),
    box: row.querySelector('input')!.getBoundingClientRect(),
    text: textOf(row),
  }));
}

describe('the colleague picker', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: one action, then a checkbox of 24 px beside each name and e-mail`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const org = await newOrganization();
      const el = await portalAs(org.colleague, `#sp/ticket/${org.tickets.shared}`);
      const details = await screenNamed(el, 'sp-ticket-details-screen');
      await waitUntil(() => $(details, 'sp-ticket-colleagues'), 'no colleagues box');
      const colleagues = $(details, 'sp-ticket-colleagues')!;
      const picker = $(colleagues, 'sp-colleague-picker')!;
      await waitForText(picker, m('colleagues.add'));
      // Before opening, one button: the one that sends the choice comes with the list.
      const visibleButtons = () =>
        [...$$(colleagues, 'button'), ...$$(picker, 'button')].filter(
          (b) => b.getBoundingClientRect().height > 0,
        );
      expect(visibleButtons().map(textOf)).to.deep.equal([m('colleagues.add')]);

      button(picker, m('colleagues.add')).click();
      await waitForText(picker, org.neighbour.name);
      const rows = choices(picker);
      expect(rows.map((r) => r.text)).to.deep.include(
        `${org.neighbour.name} ${org.neighbour.email}`,
      );
      for (const { box, row, text } of rows) {
        expect([Math.round(box.width), Math.round(box.height)], text).to.deep.equal([24, 24]);
        expect(row.height, text).to.be.at.least(44);
        // Box and name on one row, not a wide box above the name.
        expect(box.top, text).to.be.at.least(row.top);
        expect(box.bottom, text).to.be.at.most(row.bottom);
      }
      expect(visibleButtons().map(textOf)).to.have.members([
        m('colleagues.add'),
        m('colleagues.submit'),
      ]);
      expect(await seriousViolations(el)).to.deep.equal([]);
      await emulateMedia({ colorScheme: 'light' });
    });
  }

  it('reads naturally in English: People in copy, Add people', async () => {
    const org = await newOrganization();
    const el = await portalAs(org.colleague, `#sp/ticket/${org.tickets.shared}`);
    const select = $(el, 'select[part="language"]') as HTMLSelectElement;
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, en('details.colleagues'));
    const colleagues = $(details, 'sp-ticket-colleagues')!;
    const picker = $(colleagues, 'sp-colleague-picker')!;
    await waitForText(picker, en('colleagues.add'));
    button(picker, en('colleagues.add')).click();
    await waitForText(picker, en('colleagues.legend'));
    expect(visibleText(colleagues)).to.include(en('colleagues.submit'));
  });
});

/** A requester's new-ticket form filled in, with their organization's colleague chosen. */
async function newTicketWithColleague(description: string) {
  const org = await newOrganization();
  const el = await portalAs(org.requester, '#sp/new-ticket');
  const form = await screenNamed(el, 'sp-new-ticket-screen');
  await waitUntil(() => $(form, 'sp-category-menu'), 'the category menu never showed');
  const menu = $(form, 'sp-category-menu')!;
  type($(menu, '#filter'), 'vpn');
  await (menu as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  button(menu, label('infra.network.vpn')).click();
  await waitForText(form, m('newTicket.colleagues'));
  const picker = $(form, 'sp-colleague-picker')!;
  button(picker, m('newTicket.chooseColleagues')).click();
  await waitForText(picker, org.colleague.name);
  const box = $$(picker, 'label').find((label) => textOf(label).includes(org.colleague.name))!;
  (box.querySelector('input') as HTMLInputElement).click();
  (form.shadowRoot!.querySelector('input[value="high"]') as HTMLInputElement).click();
  type($(form, '#description'), description);
  return { org, el, form };
}

describe('new ticket', () => {
  it('puts the colleagues chosen on the form in copy', async () => {
    const { org, el, form } = await newTicketWithColleague(
      'The shared drive is read-only since this morning.',
    );
    const created = oneEvent(el, 'support-portal-ticket-created');
    button(form, m('newTicket.submit')).click();
    const { number } = (await created).detail as { number: number };
    await screenNamed(el, 'sp-ticket-created-screen');
    location.hash = `#sp/ticket/${number}`;
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, 'The shared drive is read-only since this morning.');
    expect(textOf($($(details, 'sp-ticket-colleagues')!, 'ul'))).to.include(org.colleague.name);
  });

  it('a colleague who left the organization after being chosen: said beside the picker, which offers them no more', async () => {
    const { org, el, form } = await newTicketWithColleague('The scanner on floor 2 sends nothing.');
    const picker = $(form, 'sp-colleague-picker')!;

    const moved = await fetch(`${API}/test/customers/${org.colleague.id}/organization`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization: 'Another Company' }),
    });
    expect(moved.status).to.equal(204);
    button(form, m('newTicket.submit')).click();
    await waitForText(picker, m('field.not_allowed'));
    await waitUntil(
      () => !visibleText(picker).includes(org.colleague.name),
      'the picker still offers the colleague who left',
    );
    expect(form.shadowRoot!.activeElement?.localName, 'focus is on the picker').to.equal(
      'sp-colleague-picker',
    );
    const toggle = picker.shadowRoot!.querySelector('button[part="toggle"]')!;
    expect(toggle.getAttribute('aria-describedby')).to.equal('refusal');
    expect(await seriousViolations(form)).to.deep.equal([]);

    // What is left of the choice (nobody) goes with the ticket.
    const created = oneEvent(el, 'support-portal-ticket-created');
    button(form, m('newTicket.submit')).click();
    const { number } = (await created).detail as { number: number };
    expect(number).to.be.a('number');
  });
});
