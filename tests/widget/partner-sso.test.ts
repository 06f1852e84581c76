import { expect } from '@open-wc/testing';
import { newCustomer, screenNamed, seriousViolations, visibleText } from './helpers.ts';
import { m } from './messages.ts';
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
});
