/**
 * @module
 * The widget's languages. `@lit/localize` runs in runtime mode: Spanish is the source locale,
 * compiled into the bundle; each other locale is a module loaded the first time it is used.
 *
 * `configureLocalization` may be called once per page and module copy, so it is called lazily
 * behind a guard: any number of `<support-portal>` elements share it. The active locale is
 * therefore shared by every instance of one bundle.
 */
import { configureLocalization } from '@lit/localize';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../edge/contract/domain.ts';

type TargetLanguage = Exclude<Language, 'es'>;

/** Explicit imports, so the bundler emits one chunk per locale and loads it only when used. */
const LOADERS: Record<TargetLanguage, () => Promise<import('@lit/localize').LocaleModule>> = {
  pt: () => import('./locales/pt.ts'),
  en: () => import('./locales/en.ts'),
  fr: () => import('./locales/fr.ts'),
  it: () => import('./locales/it.ts'),
  ca: () => import('./locales/ca.ts'),
};

let controls: ReturnType<typeof configureLocalization> | null = null;

function localization() {
  controls ??= configureLocalization({
    sourceLocale: DEFAULT_LANGUAGE,
    targetLocales: Object.keys(LOADERS),
    loadLocale: (locale) => LOADERS[locale as TargetLanguage](),
  });
  return controls;
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The first supported language among the candidates (`it`, `pt-BR`, `en-GB`...), by their
 * primary subtag; Spanish when none is supported.
 */
export function pickLanguage(candidates: readonly (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const primary = candidate?.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

export function currentLanguage(): Language {
  const locale = localization().getLocale();
  return isLanguage(locale) ? locale : DEFAULT_LANGUAGE;
}

/** Switches every instance's language; resolves once its messages are loaded. */
export function useLanguage(language: Language): Promise<void> {
  return localization().setLocale(language);
}
