/** Loads `<sp-rating-form>`'s chunk, for the screens that ask for a rating only sometimes. */
export const loadRatingForm = () => import('./rating-form.ts');
