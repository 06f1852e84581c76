/**
 * The Custom Elements Manifest of `<support-portal>` (`dist/custom-elements.json`, shipped in
 * the npm package and named by its `customElements` field), read from the element's JSDoc by
 * `@custom-elements-manifest/analyzer` during `npm run build`.
 */
/** The element's module, relative to the package's root. */
const MODULE = 'dist/support-portal.js';

export default {
  globs: ['widget/support-portal.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'support-portal-package-paths',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          // The manifest describes the package as installed: the built module, not the source.
          module.path = MODULE;
          for (const declaration of module.declarations ?? []) {
            // `dispatchEvent(new LoginEvent(...))` is read as a nameless event; @fires names it.
            declaration.events = declaration.events?.filter((event) => event.name);
          }
          // Event classes are exported as types only; the element is defined through
          // `defineElement`, which the analyzer does not follow.
          const declaration = { name: 'SupportPortal', module: MODULE };
          module.exports = [
            { kind: 'js', name: 'SupportPortal', declaration },
            { kind: 'custom-element-definition', name: 'support-portal', declaration },
          ];
        }
      },
    },
  ],
};
