/**
 * @module
 * The start check on Workers, where there is no start to refuse: until the check has passed in
 * this isolate, the Worker checks its portal on each request (and scheduled run), and while the
 * configuration is invalid or unsafe for production answers 503 and logs what to set, instead
 * of serving with it.
 */
import { assertSafeStart } from '../config-check.ts';
import { hasDemoData } from '../demo/demo-data.ts';
import { errorBody } from '../errors.ts';
import { withoutQueryValues } from '../lib/log.ts';
import type { Ports } from '../ports.ts';

interface Portal {
  ports: Ports;
  app: { routes: readonly { path: string }[] };
}

/** Passed once per isolate; a failure (the database unreachable too) is checked again. */
let passed = false;

/** Null once the portal `build` makes is known to be safe to serve; else the 503 to answer. */
export async function startRefusal(build: () => Portal): Promise<Response | null> {
  if (passed) return null;
  try {
    const portal = build();
    const demoData = await hasDemoData(portal.ports.db);
    assertSafeStart(portal.ports.config, { routes: portal.app.routes, demoData });
    passed = true;
    return null;
  } catch (error) {
    console.error(error instanceof Error ? withoutQueryValues(error.message) : error);
    return Response.json(errorBody('service_unavailable'), { status: 503 });
  }
}
