import { expect } from '@open-wc/testing';
import { newCustomer, screenNamed, seriousViolations, visibleText } from './helpers.ts';
import { m, translated } from './messages.ts';
import { partnerPortal, partnerToken } from './accounts-helpers.ts';

afterEach(() => sessionStorage.clear());

describe('partner single sign-on', () => {
  it('a good partner token opens the portal logged in, never showing login', async () => {
    const customer = await newCustomer();
    const token = await partnerToken(customer.email, 120);
    const { el, screens, logins } = await partnerPortal(token);
    const home = await screenNamed(el, 'sp-home-screen');
    expect(visibleText(home)).to.include(m('home.heading', customer.name));
    expect(screens).to.deep.equal(['home']);
    expect(logins).to.deep.equal([customer.email]);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('an expired partner token shows the login screen', async () => {
    const customer = await newCustomer();
    const token = await partnerToken(customer.email, -60);
    const { el, screens } = await partnerPortal(token);
    await screenNamed(el, 'sp-login-screen');
    expect(screens).to.deep.equal(['login']);
  });

  it('a partner allowed to create customers opens the portal for a first-time user', async () => {
    const email = `first-${Date.now()}@example.com`;
    const token = await partnerToken(email, 120, {
      name: 'Marta Ribas',
      language: 'ca',
      organization: 'Example Org',
    });
    const { el, logins } = await partnerPortal(token);
    const home = await screenNamed(el, 'sp-home-screen');
    // In the language the token gave the new customer.
    expect(visibleText(home)).to.include(await translated('ca', 'home.heading', 'Marta Ribas'));
    expect(el.shadowRoot!.querySelector('.portal')!.getAttribute('lang')).to.equal('ca');
    expect(logins).to.deep.equal([email]);
  });

  it('refused claims show the login screen and what any refused token says, no form error', async () => {
    const token = await partnerToken(`first-${Date.now()}@example.com`, 120, {
      language: 'es',
      organization: 'Another Org',
    });
    const { el, screens } = await partnerPortal(token);
    await screenNamed(el, 'sp-login-screen');
    expect(screens).to.deep.equal(['login']);
    const notice = el.shadowRoot!.querySelector('.notice')!.textContent!;
    expect(notice).to.include(m('error.unauthenticated'));
    expect(notice).to.not.include(m('error.validation_failed'));
  });
});
