/**
 * @module
 * The widget's languages. `@lit/localize` runs in runtime mode: Spanish is the source locale,
 * compiled into the bundle; each other locale is two modules (see scripts/split-locales.mjs),
 * the messages of the first screens, loaded the first time the language is used, and the rest,
 * loaded with the first later screen (`loadAllMessages`, called by `render-screen.ts`).
 *
 * `configureLocalization` may be called once per page and module copy, so it is called lazily
 * behind a guard: any number of `<support-portal>` elements share it. The active locale is
 * therefore shared by every instance of one bundle.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../contract/domain.ts';

type TargetLanguage = Exclude<Language, 'es'>;
type Templates = LocaleModule['templates'];

/** Explicit imports, so the bundler emits chunks per locale and loads them only when used. */
const FIRST_SCREENS: Record<TargetLanguage, () => Promise<LocaleModule>> = {
  pt: () => import('./locales/pt.ts'),
  en: () => import('./locales/en.ts'),
  fr: () => import('./locales/fr.ts'),
  it: () => import('./locales/it.ts'),
  ca: () => import('./locales/ca.ts'),
};
const LATER_SCREENS: Record<TargetLanguage, () => Promise<LocaleModule>> = {
  pt: () => import('./locales/pt.more.ts'),
  en: () => import('./locales/en.more.ts'),
  fr: () => import('./locales/fr.more.ts'),
  it: () => import('./locales/it.more.ts'),
  ca: () => import('./locales/ca.more.ts'),
};

/** Set once a later screen is wanted: from then on a language loads all its messages at once. */
let allWanted = false;
/**
 * The templates handed to `@lit/localize` for the active language. It keeps this very object,
 * so the later screens' messages added to it show from the next render on.
 */
let active: { language: TargetLanguage; templates: Templates; complete: boolean } | null = null;

async function loadLocale(language: TargetLanguage): Promise<LocaleModule> {
  let later = allWanted ? LATER_SCREENS[language]() : null;
  const templates = { ...(await FIRST_SCREENS[language]()).templates };
  // A later screen may have been asked for while the first part loaded.
  if (allWanted) later ??= LATER_SCREENS[language]();
  if (later) Object.assign(templates, (await later).templates);
  active = { language, templates, complete: later !== null };
  return { templates };
}

let controls: ReturnType<typeof configureLocalization> | null = null;

function localization() {
  controls ??= configureLocalization({
    sourceLocale: DEFAULT_LANGUAGE,
    targetLocales: Object.keys(FIRST_SCREENS),
    loadLocale: (locale) => loadLocale(locale as TargetLanguage),
  });
  return controls;
}

/**
 * Makes sure the language has the messages of every screen (Spanish always has): the one loaded
 * last at once, one still loading as it finishes.
 */
export async function loadAllMessages(): Promise<void> {
  allWanted = true;
  const current = active;
  if (!current || current.complete) return;
  Object.assign(current.templates, (await LATER_SCREENS[current.language]()).templates);
  current.complete = true;
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
