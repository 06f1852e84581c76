/**
 * @module
 * Playing the service desk inside a test: the same `applyDeskAction` the desk API uses.
 */
import { applyDeskAction } from '../../edge/domain/desk-actions.ts';
import { deskActor } from '../../edge/middleware/desk-auth.ts';
import type { TestPortal } from './app.ts';

export async function proposeSolution(portal: TestPortal, number: number, solution: string) {
  await applyDeskAction(
    portal.db,
    number,
    deskActor(null),
    { action: 'solution', solution },
    portal.clock.now(),
  );
}
