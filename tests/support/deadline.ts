/**
 * @module
 * Waiting on an event in a test: the promise that settles when it happens, failed with a clear
 * message if it has not happened by the deadline (a hang, not a slow machine: keep it generous).
 */

export async function byDeadline<T>(event: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([event, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One full turn of the event loop: every promise that was going to settle by itself has. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
