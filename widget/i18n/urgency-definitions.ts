/**
 * @module
 * What each urgency means, in one line under its choice on the new-ticket form: the
 * deployment's own words for the active language (`URGENCY_DEFINITIONS`, through
 * `GET /api/config`), else the widget's.
 */
import { msg } from '@lit/localize';
import type { Urgency } from '../../contract/domain.ts';
import type { PublicConfig } from '../../contract/types.ts';
import { currentLanguage } from './localization.ts';

function ownDefinition(urgency: Urgency): string {
  switch (urgency) {
    case 'low':
      return msg('Una consulta o una molestia que no le impide trabajar.', {
        id: 'urgency.low.definition',
      });
    case 'medium':
      return msg('Algo falla, pero puede seguir trabajando de otra manera.', {
        id: 'urgency.medium.definition',
      });
    case 'high':
      return msg('Le impide trabajar a usted o a unas pocas personas.', {
        id: 'urgency.high.definition',
      });
    case 'critical':
      return msg('Un servicio clave no funciona para muchas personas o para toda la empresa.', {
        id: 'urgency.critical.definition',
      });
  }
}

export function urgencyDefinition(urgency: Urgency, config: PublicConfig | null): string {
  return config?.urgencyDefinitions?.[urgency]?.[currentLanguage()] ?? ownDefinition(urgency);
}
