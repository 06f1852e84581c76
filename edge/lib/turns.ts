/**
 * @module
 * Turns for expensive work: at most `slots` tasks run at once and the others wait, first come
 * first served; past `maxWaiting` waiting, a task is refused at once with `ServerBusyError`
 * (503), so a flood neither takes every core nor queues without end.
 *
 * For runtimes that serve many requests in one process (Node, Deno). Not for Workers: there a
 * request waiting on a promise that another request settles is never resumed.
 */
import { ServerBusyError } from '../errors.ts';

export type InTurn = <T>(task: () => Promise<T>) => Promise<T>;

export function turns(what: string, slots: number, maxWaiting: number): InTurn {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < slots) {
      running++;
    } else {
      if (waiting.length >= maxWaiting) throw new ServerBusyError(what);
      // The finishing task hands its slot over, so `running` stays counted.
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Log ins that may wait for a hash: at about 25 ms a hash on one core, several seconds' worth. */
const PASSWORD_HASHES_WAITING = 256;

/**
 * Turns for password hashes on a machine with `cores` cores: one core fewer (at least one), so
 * the event loop always has a core for the other routes however many log in at once.
 */
export function passwordTurns(cores: number): InTurn {
  return turns('password hashes', Math.max(1, cores - 1), PASSWORD_HASHES_WAITING);
}
