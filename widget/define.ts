/**
 * @module
 * Registers custom elements once per page.
 */

/**
 * Defines `name` unless it is already defined: a second copy of the script, or a second bundle
 * of the portal on the same page, must not throw `NotSupportedError`.
 */
export function defineElement(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
