import { expect } from '@open-wc/testing';
import type { Language } from '../../contract/domain.ts';
import { formatBytes } from '../../widget/i18n/labels.ts';
import { useLanguage } from '../../widget/i18n/localization.ts';
import { button, loggedInPortal, screenNamed, waitForText } from './helpers.ts';
import { en } from './messages.ts';

afterEach(async () => {
  sessionStorage.clear();
  await useLanguage('es');
});

const MB = 1024 * 1024;

/** One byte, 57 bytes, 1.2 MB: the plural agrees with the number, units as readers write them. */
const EXPECTED: Record<Language, [string, string, string]> = {
  es: ['1 byte', '57 bytes', '1,2 MB'],
  pt: ['1 byte', '57 bytes', '1,2 MB'],
  en: ['1 byte', '57 bytes', '1.2 MB'],
  fr: ['1 octet', '57 octets', '1,2 Mo'],
  it: ['1 byte', '57 byte', '1,2 MB'],
  ca: ['1 byte', '57 bytes', '1,2 MB'],
};

describe('file sizes', () => {
  for (const [language, expected] of Object.entries(EXPECTED)) {
    it(`${language}: ${expected.join(', ')}`, async () => {
      await useLanguage(language as Language);
      // Intl may put a no-break space before the unit; a reader sees a space.
      const sizes = [1, 57, 1.2 * MB].map((size) => formatBytes(size).replace(/\s/g, ' '));
      expect(sizes).to.deep.equal(expected);
    });
  }

  it('an attachment of 57 bytes reads "57 bytes" in English', async () => {
    const { el, customer } = await loggedInPortal({
      language: 'en',
      open: 1,
      attachment: { name: 'log.txt', content: 'x'.repeat(57) },
    });
    const number = customer.tickets.open[0]!;
    button(await screenNamed(el, 'sp-home-screen'), en('home.open')).click();
    const list = await screenNamed(el, 'sp-ticket-list-screen');
    await waitForText(list, en('ticket.number', number));
    button(list, en('ticket.number', number)).click();
    const details = await screenNamed(el, 'sp-ticket-details-screen');
    await waitForText(details, /log\.txt\s+57 bytes ·/);
  });
});
