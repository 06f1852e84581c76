/** ALTCHA's stylesheet, imported as text (esbuild's `text` loader for `.css`). */
declare module 'altcha/altcha.css' {
  const css: string;
  export default css;
}
