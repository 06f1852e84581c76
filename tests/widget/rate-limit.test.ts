import { expect } from '@open-wc/testing';
import { ApiRequestError } from '../../widget/api/client.ts';
import { errorMessage } from '../../widget/i18n/errors.ts';
import { useLanguage } from '../../widget/i18n/localization.ts';
import {
  $,
  API,
  mountPortal,
  newCustomer,
  screenNamed,
  seriousViolations,
  type,
  waitForText,
} from './helpers.ts';
import { en, m } from './messages.ts';

const limited = (seconds?: number) => new ApiRequestError(429, 'rate_limited', undefined, seconds);

afterEach(() => sessionStorage.clear());

describe('rate limit message', () => {
  afterEach(() => useLanguage('es'));

  it('says how many minutes to wait, rounded up, with the right plural', async () => {
    await useLanguage('es');
    expect(errorMessage(limited(30))).to.equal(m('error.rate_limited_wait.one', 1));
    expect(errorMessage(limited(14 * 60 + 1))).to.equal(m('error.rate_limited_wait.other', 15));
    expect(errorMessage(limited())).to.equal(m('error.rate_limited'));
  });

  it('in the active language', async () => {
    await useLanguage('en');
    expect(errorMessage(limited(120))).to.equal(en('error.rate_limited_wait.other', 2));
    expect(errorMessage(limited(60))).to.equal(en('error.rate_limited_wait.one', 1));
  });
});

describe('rate limit on the login screen', () => {
  it('tells the customer how many minutes to wait', async () => {
    const customer = await newCustomer();
    const wrong = JSON.stringify({ email: customer.email, password: 'not-the-password' });
    // Failed logins until the e-mail is locked (the API's lockout, the same for any client).
    for (let attempt = 0; attempt < 30; attempt++) {
      const response = await fetch(`${API}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: wrong,
      });
      if (response.status === 429) break;
    }
    const el = await mountPortal();
    const login = await screenNamed(el, 'sp-login-screen');
    type($(login, '#email'), customer.email);
    type($(login, '#password'), customer.password);
    $(login, 'button[type="submit"]')!.click();
    await waitForText(login, m('error.rate_limited_wait.other', 15));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });
});
