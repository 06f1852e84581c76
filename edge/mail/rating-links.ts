/**
 * @module
 * The five one-click rating links of a closing e-mail: `<portal page>#sp/rate/<token>/<score>`,
 * each carrying the same single-purpose token for that ticket and its requester.
 */
import { RATING_MAX, RATING_MIN } from '../../contract/domain.ts';
import { signRatingToken, type RatingClaims } from '../lib/rating-tokens.ts';

export async function ratingLinks(
  portalUrl: string,
  secret: string,
  claims: RatingClaims,
  now: Date,
): Promise<string[]> {
  const token = await signRatingToken(claims, secret, now);
  const links: string[] = [];
  for (let score = RATING_MIN; score <= RATING_MAX; score++) {
    const url = new URL(portalUrl);
    url.hash = `sp/rate/${token}/${score}`;
    links.push(url.href);
  }
  return links;
}
