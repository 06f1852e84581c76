import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LANGUAGES } from '../../contract/domain.ts';
import { renderMail, TEMPLATE_NAMES } from '../../edge/mail/index.ts';

const XSS = '<img src=x onerror="alert(1)">&\'';
const LINK = 'https://shop.example.com/support?a=1&b=2#sp/ticket/1002';

/** The greeting of each language, with the name where a native writer puts it. */
const GREETINGS = {
  es: 'Hola, Ana:',
  pt: 'Olá, Ana,',
  en: 'Dear Ana,',
  fr: 'Bonjour Ana,',
  it: 'Gentile Ana,',
  ca: 'Hola, Ana:',
};

describe('mail templates', () => {
  for (const language of LANGUAGES) {
    test(`${language}: every template greets by name, carries the link and the number`, () => {
      const subjects = new Set<string>();
      for (const template of TEMPLATE_NAMES) {
        const mail = renderMail(template, language, {
          name: 'Ana',
          number: 1002,
          link: LINK,
          text: 'Restart the service.',
        });
        assert.ok(mail.text.startsWith(GREETINGS[language]), `${template}: ${mail.text}`);
        assert.match(mail.html, new RegExp(`<html lang="${language}">`));
        if (template.startsWith('ticket-')) {
          assert.match(mail.subject, /1002/, template);
          assert.ok(mail.text.includes(LINK), template);
          assert.ok(mail.html.includes(`href="${LINK.replace(/&/g, '&amp;')}"`), template);
        }
        if (template === 'set-password') assert.ok(mail.text.includes(LINK));
        subjects.add(`${template}:${mail.subject}`);
      }
      assert.equal(subjects.size, TEMPLATE_NAMES.length);
    });

    test(`${language}: an XSS payload in the name and the text stays text in HTML`, () => {
      const mail = renderMail('ticket-comment', language, {
        name: XSS,
        number: 7,
        link: LINK,
        text: `<script>alert("x")</script>`,
      });
      assert.ok(!mail.html.includes('<img'), mail.html);
      assert.ok(!mail.html.includes('<script'), mail.html);
      assert.ok(mail.html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;'));
      assert.ok(mail.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
      // The plain-text part is not HTML: the name is as the customer wrote it.
      assert.ok(mail.text.includes(XSS));
    });
  }

  test('the texts are the native ones, not English placeholders', () => {
    const values = { name: 'Ana', number: 5, link: LINK };
    assert.equal(renderMail('ticket-closed', 'es', values).subject, 'Su ticket 5 se ha cerrado');
    assert.equal(renderMail('ticket-closed', 'pt', values).subject, 'O seu pedido 5 foi fechado');
    assert.equal(
      renderMail('ticket-closed', 'fr', values).subject,
      'Votre demande 5 a été clôturée',
    );
    assert.equal(
      renderMail('ticket-closed', 'it', values).subject,
      'Il Suo ticket 5 è stato chiuso',
    );
    assert.equal(renderMail('ticket-closed', 'ca', values).subject, 'S’ha tancat el seu tiquet 5');
  });

  test('a link that is not http(s) is refused', () => {
    assert.throws(() =>
      renderMail('set-password', 'en', { name: 'Ana', link: 'javascript:alert(1)' }),
    );
  });
});
