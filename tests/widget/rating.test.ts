import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TicketDetails } from '../../contract/types.ts';
import '../../widget/screens/solution-screen.ts';
import '../../widget/screens/ticket-details-screen.ts';
import { formatDateTime } from '../../widget/i18n/labels.ts';
import {
  $,
  $$,
  API,
  button,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  type,
  visibleText,
  waitForText,
} from './helpers.ts';
import { path } from './categories.ts';
import { m } from './messages.ts';
import { clientFor, customerSession, textOf } from './ticket-flow-helpers.ts';

afterEach(() => sessionStorage.clear());

type Screen = HTMLElement & { updateComplete: Promise<boolean> };

/** The rating form inside a screen, once its chunk has loaded. */
async function ratingForm(screen: Element): Promise<Screen> {
  await waitUntil(() => $(screen, 'sp-rating-form'), 'no rating form', { timeout: 10_000 });
  const form = $(screen, 'sp-rating-form') as Screen;
  await form.updateComplete;
  return form;
}

function chooseStars(form: Element, score: number) {
  const radio = $$(form, 'input[name="score"]')[score - 1] as HTMLInputElement;
  radio.click();
}

/** A customer accepts the desk's solution on the solution screen; the rating form appears. */
async function acceptSolution() {
  const { client, config, customer } = await customerSession({ open: 1, solutions: 1 });
  const [number] = customer.tickets.open as [number];
  const el = await fixture<Screen>(
    html`<sp-solution-screen
      .client=${client}
      .config=${config}
      .number=${number}
    ></sp-solution-screen>`,
  );
  await waitForText(el, m('solution.accept'));
  button(el, m('solution.accept')).click();
  return { client, config, number, el, form: await ratingForm(el) };
}

describe('rating after accepting a solution', () => {
  it('asks for 1 to 5 stars as a radio group with a comment, and saves them', async () => {
    const { client, number, el, form } = await acceptSolution();
    expect(textOf($(form, 'legend'))).to.equal(m('rating.question'));
    const radios = $$(form, 'input[type="radio"][name="score"]');
    expect(radios.map((radio) => radio.getAttribute('aria-label'))).to.deep.equal(
      [1, 2, 3, 4, 5].map((score) => m('rating.scoreLabel', score, 5, m(`rating.score${score}`))),
    );
    expect(await seriousViolations(el)).to.deep.equal([]);

    // No score: said beside the stars, nothing sent.
    button(form, m('rating.submit')).click();
    await form.updateComplete;
    expect(textOf($(form, '#score-error'))).to.equal(m('rating.required'));

    chooseStars(form, 4);
    type($(form, '#rating-comment'), 'Rápido y claro.');
    button(form, m('rating.submit')).click();
    await waitForText(el, m('solution.rated'));
    const ticket: TicketDetails = await client.ticket(number);
    expect(ticket.rating?.score).to.equal(4);
    expect(ticket.rating?.comment).to.equal('Rápido y claro.');
  });

  it('can be skipped: nothing is rated, and the details offer it later', async () => {
    const { client, config, number, el, form } = await acceptSolution();
    button(form, m('rating.skip')).click();
    await waitUntil(() => !$(el, 'sp-rating-form'), 'form still shown');
    expect(visibleText(el)).to.include(m('solution.accepted', number));
    expect((await client.ticket(number)).rating).to.equal(null);

    // The details of the closed ticket: rate now, then change it within the day.
    const details = await fixture<Screen>(
      html`<sp-ticket-details-screen
        .client=${client}
        .config=${config}
        .number=${number}
      ></sp-ticket-details-screen>`,
    );
    await waitForText(details, m('ticketRating.none'));
    const section = $(details, 'sp-ticket-rating') as Screen;
    button(section, m('ticketRating.rate')).click();
    const later = await ratingForm(section);
    chooseStars(later, 2);
    button(later, m('rating.submit')).click();
    await waitForText(details, m('ticketRating.score', 2, 5));
    const { changeableUntil } = (await client.ticket(number)).rating!;
    expect(visibleText(details)).to.include(
      m('ticketRating.until', formatDateTime(changeableUntil)),
    );
    button($(details, 'sp-ticket-rating')!, m('ticketRating.change')).click();
    const again = await ratingForm($(details, 'sp-ticket-rating')!);
    expect(($$(again, 'input[name="score"]')[1] as HTMLInputElement).checked).to.equal(true);
    chooseStars(again, 5);
    type($(again, '#rating-comment'), 'Al final, perfecto.');
    button(again, m('rating.submit')).click();
    await waitForText(details, 'Al final, perfecto.');
    expect(visibleText(details)).to.include(m('ticketRating.score', 5, 5));
    expect((await client.ticket(number)).rating?.score).to.equal(5);
  });
});

describe('the one-click rating link of the closing e-mail', () => {
  async function mailedLinks(email: string): Promise<string[]> {
    const mails = (await (
      await fetch(`${API}/test/outbox?to=${encodeURIComponent(email)}`)
    ).json()) as {
      text: string;
    }[];
    return [...mails[0]!.text.matchAll(/https?:\/\/\S+#sp\/rate\/\S+/g)].map((match) => match[0]);
  }

  it('rates on open without login, thanks, then takes a comment; a bad link says so', async () => {
    const customer = await newCustomer({ open: 1 });
    const [number] = customer.tickets.open as [number];
    await fetch(`${API}/test/tickets/${number}/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ portalUrl: `${location.origin}/support` }),
    });
    const links = await mailedLinks(customer.email);
    expect(links).to.have.length(5);
    const hash = new URL(links[3]!).hash;
    expect(hash).to.match(/^#sp\/rate\/[\w-]+\.[\w-]+\.[\w-]+\/4$/);

    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    try {
      const el = await mountPortal();
      const screen = await screenNamed(el, 'sp-rate-link-screen');
      await waitForText(screen, m('rateLink.thanks', 4));
      expect(location.hash, 'the token leaves the address bar').to.equal('');
      expect(visibleText(screen)).to.include(m('ticket.number', number));
      expect(visibleText(screen)).to.include(path('infra.network').join(' › '));
      expect(await seriousViolations(el)).to.deep.equal([]);

      const form = await ratingForm(screen);
      type($(form, '#rating-comment'), 'Muy amables.');
      button(form, m('rating.submit')).click();
      await waitForText(screen, m('rateLink.commented'));

      // The same link's rating, as the customer sees it once logged in.
      const client = await clientFor(customer);
      const ticket = await client.ticket(number);
      expect(ticket.rating?.score).to.equal(4);
      expect(ticket.rating?.comment).to.equal('Muy amables.');

      // One character of the signature changed (not the last: its low bits are padding).
      const token = hash.split('/')[2]!;
      const at = token.length - 10;
      const flipped = token[at] === 'A' ? 'B' : 'A';
      const tampered = `${token.slice(0, at)}${flipped}${token.slice(at + 1)}`;
      history.replaceState(null, '', `${location.pathname}#sp/rate/${tampered}/1`);
      const bad = await mountPortal();
      const badScreen = await screenNamed(bad, 'sp-rate-link-screen');
      await waitForText(badScreen, m('rateLink.invalid'));
      expect((await client.ticket(number)).rating?.score).to.equal(4);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
