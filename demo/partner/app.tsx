/**
 * The Costa & Filhos intranet's support page, a small React app that embeds the portal the way a
 * customer's developers would: `support-portal/react` from the npm package (bundled by
 * `scripts/build-partner-demo.mjs` with esbuild), single sign-on with a token from the
 * intranet's own server, the portal's events shown in an activity list, and the host API
 * (prefill, open, logout) behind the intranet's own buttons.
 */
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SupportPortal } from 'support-portal/react';

type Portal = HTMLElementTagNameMap['support-portal'];

/** The API lives on another origin: the demo serves it one port below this page. */
function apiOrigin(): string {
  const fromQuery = new URLSearchParams(location.search).get('api');
  if (fromQuery) return fromQuery;
  const api = new URL(location.href);
  api.port = String(Number(location.port) - 1);
  return api.origin;
}

/**
 * Single sign-on: the intranet already knows its user, so it asks its own server for a
 * short-lived signed token (`GET /dev/partner-token`, this page's origin). Null without one: the
 * portal then asks for login.
 */
async function partnerToken(): Promise<string | null> {
  try {
    const response = await fetch('/dev/partner-token', { headers: { accept: 'application/json' } });
    return response.ok ? (((await response.json()) as { token?: string }).token ?? null) : null;
  } catch {
    return null;
  }
}

function SupportPage() {
  // The portal is shown once the token is known, so the login screen never flashes.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [activity, setActivity] = useState<string[]>([]);
  const portal = useRef<Portal>(null);
  useEffect(() => void partnerToken().then(setToken), []);

  const log = (event: Event) => {
    const { detail } = event as CustomEvent<Record<string, unknown>>;
    const customer = detail?.customer as { email?: string } | undefined;
    const shown = customer ? { customer: customer.email } : detail;
    const line = `${new Date().toLocaleTimeString()} ${event.type} ${JSON.stringify(shown ?? {})}`;
    setActivity((lines) => [line, ...lines]);
  };

  return (
    <>
      <h2>Suporte informático (Nubia Sistemas)</h2>
      <div className="tools" role="group" aria-label="Atalhos da intranet">
        <button
          type="button"
          onClick={() =>
            portal.current?.prefill({
              urgency: 'high',
              description: 'A impressora do 2.º piso não imprime.',
            })
          }
        >
          Reportar avaria da impressora
        </button>
        <button type="button" onClick={() => portal.current?.open('tickets', { state: 'open' })}>
          Os meus pedidos
        </button>
      </div>
      {token === undefined ? (
        <p>A carregar…</p>
      ) : (
        <SupportPortal
          ref={portal}
          id="portal"
          api={apiOrigin()}
          lang="pt"
          routing="history"
          // The intranet is light only, and so is its theme (no --sp-color-*-dark colours).
          scheme="light"
          token={token ?? ''}
          context={{ intranet: 'costa-filhos', page: location.pathname }}
          onSupportPortalReady={log}
          onSupportPortalLogin={log}
          onSupportPortalLogout={log}
          onSupportPortalSignedOut={(event) => {
            log(event);
            // Partner tokens are single use: a fresh one for "Voltar a entrar".
            void partnerToken().then(setToken);
          }}
          onSupportPortalTicketCreated={log}
          onSupportPortalInformationAdded={log}
          onSupportPortalSolutionAccepted={log}
          onSupportPortalSolutionRejected={log}
          onSupportPortalLanguageChange={log}
        >
          <div slot="contact">
            <p>
              <strong>Suporte interno Costa &amp; Filhos</strong>
            </p>
            <p>Ramal 2040, dias úteis das 8h às 18h. Para urgências fora de horas: 912 345 678.</p>
          </div>
        </SupportPortal>
      )}
      <section className="activity" aria-labelledby="activity-heading">
        <h3 id="activity-heading">Atividade do portal (eventos recebidos pela intranet)</h3>
        <ol id="activity" aria-live="polite">
          {activity.map((line, index) => (
            <li key={activity.length - index}>{line}</li>
          ))}
        </ol>
      </section>
    </>
  );
}

createRoot(document.getElementById('support')!).render(
  <StrictMode>
    <SupportPage />
  </StrictMode>,
);
