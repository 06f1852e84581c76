/**
 * @module
 * The one request every mail provider's HTTP API takes: a JSON POST, no redirects, a timeout.
 * Any answer but 2xx is an error carrying the start of the provider's explanation, kept short
 * for the outbox's last error, so the delivery job retries.
 */
export async function postToMailProvider(
  provider: string,
  url: string | URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs = 15_000,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
    headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
    body,
  });
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const detail = (await response.text()).slice(0, 300);
  throw new Error(`${provider} answered HTTP ${response.status}: ${detail}`);
}
