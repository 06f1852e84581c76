import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CategoryNode } from '../../contract/types.ts';
import '../../widget/components/category-menu.ts';
import type { CategoryMenu } from '../../widget/components/category-menu.ts';
import type { NavigateEvent } from '../../widget/navigation.ts';
import { children, label, path } from './categories.ts';
import { $, $$, button, seriousViolations, visibleText } from './helpers.ts';
import { m } from './messages.ts';
import { customerSession, deepActiveElement, textOf } from './ticket-flow-helpers.ts';

let categories: CategoryNode[];

before(async () => {
  const { client } = await customerSession();
  categories = await client.categories();
});

async function menu(value = ''): Promise<CategoryMenu> {
  const el = await fixture<CategoryMenu>(
    html`<sp-category-menu .categories=${categories} value=${value}></sp-category-menu>`,
  );
  await el.updateComplete;
  return el;
}

function optionLabels(el: CategoryMenu): string[] {
  return $$(el, '[part~="option"] .label').map(textOf);
}

async function filter(el: CategoryMenu, text: string): Promise<void> {
  const input = $(el, '#filter') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

describe('sp-category-menu', () => {
  it('is accessible and starts with the areas, never showing the incident/request type', async () => {
    const el = await menu();
    expect(optionLabels(el)).to.deep.equal(children());
    expect(visibleText(el)).not.to.match(/incident|request|incidencia|petición/i);
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('opens a level at a time, with breadcrumbs back up', async () => {
    const el = await menu();
    button(el, label('infra')).click();
    await el.updateComplete;
    button(el, label('infra.network')).click();
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal(children('infra.network'));
    const crumbs = $$(el, 'nav[part="breadcrumbs"] li').map(textOf);
    expect(crumbs).to.deep.equal([m('categoryMenu.all'), ...path('infra.network')]);
    expect(textOf($(el, '[aria-current="location"]'))).to.equal(label('infra.network'));
    expect(await seriousViolations(el)).to.deep.equal([]);

    button(el, label('infra')).click();
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal(children('infra'));
    button(el, m('categoryMenu.all')).click();
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal(children());
  });

  it('filters the whole tree without regard to case or accents, showing each path', async () => {
    const el = await menu();
    await filter(el, 'vpn');
    expect(optionLabels(el).slice(0, 2)).to.deep.equal([
      label('infra.network.vpn'),
      label('infra.network.access'),
    ]);
    expect(textOf($(el, '[part~="option"] .path'))).to.equal(path('infra.network').join(' › '));
    expect(textOf($(el, '[role="status"]'))).to.equal(
      m('categoryMenu.resultCount', optionLabels(el).length),
    );
    expect($(el, 'nav[part="breadcrumbs"]')).to.equal(null);

    await filter(el, 'Correo');
    expect(optionLabels(el)).to.include.members(children('infra.mail'));

    await filter(el, 'CORREO ELECTRONICO');
    expect(optionLabels(el)).to.deep.equal(children('infra.mail'));

    await filter(el, 'formacion');
    expect(optionLabels(el)).to.deep.equal([label('software.erp.training')]);
    expect($$(el, '[part~="option"] mark').map(textOf)).to.deep.equal(['Formación']);

    await filter(el, 'acceso VP');
    expect(optionLabels(el)[0]).to.equal(label('infra.network.access'));
    expect($$(el, '[part~="option"]')[0]!.querySelectorAll('mark').length).to.equal(2);

    await filter(el, 'xyzzy');
    expect(optionLabels(el)).to.deep.equal([]);
    expect(textOf($(el, '[role="status"]'))).to.equal(m('categoryMenu.noResults', 'xyzzy'));
    expect(await seriousViolations(el)).to.deep.equal([]);
  });

  it('only lets leaves be chosen, and says which one with its path', async () => {
    const el = await menu();
    await filter(el, 'wifi');
    const chosen = oneEvent(el, 'sp-category-select');
    button(el, label('infra.network.wifi')).click();
    const { detail } = await chosen;
    expect(detail).to.deep.equal({ id: 'infra.network.wifi', path: path('infra.network.wifi') });
  });

  it('offers a top-level "other" leaf for what fits no category, chosen in one click', async () => {
    const el = await menu();
    const chosen = oneEvent(el, 'sp-category-select');
    button(el, label('other')).click();
    expect((await chosen).detail).to.deep.equal({ id: 'other', path: path('other') });
  });

  it('works with the keyboard alone: arrows, Right to open, Left to go back, Enter to choose', async () => {
    const el = await menu();
    el.focus();
    await el.updateComplete;
    expect(deepActiveElement()?.id).to.equal('filter');
    await sendKeys({ press: 'ArrowDown' });
    expect(textOf(deepActiveElement())).to.contain(label('software'));
    await sendKeys({ press: 'ArrowDown' });
    expect(textOf(deepActiveElement())).to.contain(label('infra'));
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(textOf(deepActiveElement())).to.contain(label('infra.mail'));
    await sendKeys({ press: 'End' });
    expect(textOf(deepActiveElement())).to.contain(label('infra.network'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textOf(deepActiveElement())).to.contain(label('infra.network.vpn'));
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(textOf(deepActiveElement())).to.contain(label('infra.network'));
    // The list keeps one tab stop: the item last focused.
    expect($$(el, '[part~="option"][tabindex="0"]').map(textOf)).to.have.length(1);

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const chosen = oneEvent(el, 'sp-category-select');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail.id).to.equal('infra.network.access');
  });

  it('goes from the filter to its results with the Down arrow', async () => {
    const el = await menu();
    el.focus();
    await el.updateComplete;
    await sendKeys({ type: 'correo dese' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    const chosen = oneEvent(el, 'sp-category-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail.id).to.equal('infra.mail.spam');
  });

  it('offers all the categories and the contact screen when the filter matches nothing', async () => {
    const el = await menu();
    const areas = optionLabels(el);
    await filter(el, 'xyzzy');
    const text = visibleText(el);
    expect(text).to.include(m('categoryMenu.noResults', 'xyzzy'));
    expect(text).to.include(m('categoryMenu.noResultsHint'));
    expect(await seriousViolations(el)).to.deep.equal([]);

    const navigate = oneEvent(el, 'sp-navigate');
    button(el, m('categoryMenu.contact')).click();
    expect(((await navigate) as unknown as NavigateEvent).route).to.deep.equal({
      screen: 'contact',
    });

    button(el, m('categoryMenu.browseAll')).click();
    await el.updateComplete;
    expect(($(el, '#filter') as HTMLInputElement).value).to.equal('');
    expect(optionLabels(el)).to.deep.equal(areas);
    expect(textOf(deepActiveElement())).to.contain(areas[0]!);
    expect(visibleText(el)).not.to.include(m('categoryMenu.noResults', 'xyzzy'));
  });

  it('opens beside the leaf chosen before and marks it', async () => {
    const el = await menu('infra.mail.mailbox');
    expect(optionLabels(el)).to.include(label('infra.mail.mailbox'));
    expect(textOf($(el, '[aria-current="true"] .label'))).to.equal(label('infra.mail.mailbox'));
  });
});
