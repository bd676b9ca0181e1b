/**
 * Sign-in. With an identity provider (OIDC_ISSUER) the service does the sign-in itself: a link to
 * `/auth/login`, and the session lives in an HttpOnly cookie — no token in this page, its URL or its storage.
 * Without one, in development the service signs a token for any role and organisation (POST /api/v1/dev/token);
 * where a key is configured that route answers 404 and a token issued elsewhere is handed over in the URL
 * fragment (`#token=…`) or pasted here. Those tokens are kept in sessionStorage only.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/index.ts';
import { LanguageSwitch } from '../components/layout.tsx';
import { ErrorNotice } from '../components/ui.tsx';
import { t, tDept, tOr, tRole } from '../i18n/index.ts';
import { Link, useLocation } from '../lib/router.tsx';
import { REFUSED_KEY, ROLES, signIn, useSignInMode, type Role } from '../lib/session.ts';

/** Departments a clerk may belong to (db/seeds/departments.ts). */
export const DEPARTMENTS = [
  'window',
  'planning',
  'housing',
  'fire',
  'civil-defense',
  'environment',
  'archives',
  'land',
  'meteorology',
  'quality',
  'development-reform',
  'natural-resources',
  'investment-promotion',
];

/** The example enterprise of README, so that a newcomer can sign in at once. */
const EXAMPLE_USCC = '91310115591693856A';

export function SignInPage() {
  const mode = useSignInMode();
  return mode === 'provider' ? <ProviderSignIn /> : <TokenSignIn />;
}

/** The sign-in through the identity provider: one link, which comes back to the page asked for. */
function ProviderSignIn() {
  const { query } = useLocation();
  const next = query.get('next');
  const back = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
  return (
    <main id="main" class="sign-in">
      <div class="sign-in-head">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </div>
      <p class="lead">{t('signIn.lead')}</p>
      <div class="card">
        <p class="hint">{t('signIn.providerHint')}</p>
        {/* A full navigation, not the console's router: the service answers with a redirect to the provider. */}
        <a class="button primary" href={`/auth/login${back ? `?next=${encodeURIComponent(back)}` : ''}`}>
          {t('signIn.provider')}
        </a>
      </div>
    </main>
  );
}

function TokenSignIn() {
  // undefined: not known yet; the probe of the development route tells.
  const [development, setDevelopment] = useState<boolean | undefined>(undefined);
  const refused = window.sessionStorage.getItem('zerotrip.refusedToken') === '1';
  const why = window.sessionStorage.getItem(REFUSED_KEY);

  useEffect(() => {
    // An empty body is refused 422 where the route exists and 404 where it is off (production).
    api.devToken({}).then(
      () => setDevelopment(true),
      (error: unknown) => setDevelopment(!(error instanceof ApiError && error.status === 404)),
    );
  }, []);

  return (
    <main id="main" class="sign-in">
      <div class="sign-in-head">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </div>
      <p class="lead">{t('signIn.lead')}</p>
      <p>
        <Link href="/guide">{t('signIn.guide')}</Link>
      </p>
      {refused ? (
        <p class="notice error" role="alert">
          {t('signIn.refusedFragment')}
        </p>
      ) : null}
      {why ? (
        <div class="notice error" role="alert">
          <p>{t('signIn.tokenRefused')}</p>
          <p>{tOr(`signIn.why.${why}`, t('signIn.why.other'))}</p>
        </div>
      ) : null}
      {development ? <DevelopmentSignIn /> : null}
      {development === false ? <p class="notice">{t('signIn.production')}</p> : null}
      <PasteToken open={development === false} />
    </main>
  );
}

function DevelopmentSignIn() {
  const [role, setRole] = useState<Role>('applicant');
  const [org, setOrg] = useState(EXAMPLE_USCC);
  const [department, setDepartment] = useState('window');
  const [name, setName] = useState('');
  const [sub, setSub] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const organisation =
      role === 'clerk' ? department : role === 'applicant' || role === 'agent' ? org.trim() : '';
    try {
      const { token } = await api.devToken({
        role,
        ...(organisation ? { org: organisation } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(sub.trim() ? { sub: sub.trim() } : {}),
      });
      window.sessionStorage.removeItem('zerotrip.refusedToken');
      signIn(token);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const changeRole = (next: Role) => {
    setRole(next);
    if (next === 'applicant') setOrg(EXAMPLE_USCC);
    if (next === 'agent') setOrg('service-team');
  };

  return (
    <form class="card" onSubmit={submit} noValidate>
      <h2>{t('signIn.development')}</h2>
      <p class="hint">{t('signIn.developmentHint')}</p>
      <div class="field">
        <label for="sign-in-role">{t('signIn.role')}</label>
        <select id="sign-in-role" value={role} onChange={(e) => changeRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tRole(r)}
            </option>
          ))}
        </select>
      </div>
      {role === 'clerk' ? (
        <div class="field">
          <label for="sign-in-department">{t('signIn.department')}</label>
          <select
            id="sign-in-department"
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value)}
          >
            {DEPARTMENTS.map((code) => (
              <option key={code} value={code}>
                {tDept(code)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {role === 'applicant' || role === 'agent' ? (
        <div class="field">
          <label for="sign-in-org">{role === 'applicant' ? t('signIn.uscc') : t('signIn.team')}</label>
          <input
            id="sign-in-org"
            value={org}
            autoComplete="off"
            onInput={(e) => setOrg(e.currentTarget.value)}
          />
        </div>
      ) : null}
      <div class="field">
        <label for="sign-in-sub">{t('signIn.sub')}</label>
        <input
          id="sign-in-sub"
          value={sub}
          autoComplete="off"
          placeholder={t('signIn.subPlaceholder')}
          onInput={(e) => setSub(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="sign-in-name">{t('signIn.name')}</label>
        <input
          id="sign-in-name"
          value={name}
          autoComplete="name"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <ErrorNotice error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

function PasteToken({ open }: { open: boolean }) {
  const [token, setToken] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    setInvalid(!signIn(token));
  };
  return (
    <details class="card" open={open}>
      <summary>{t('signIn.paste')}</summary>
      <form onSubmit={submit} noValidate>
        <div class={`field${invalid ? ' invalid' : ''}`}>
          <label for="sign-in-token">{t('signIn.token')}</label>
          <textarea
            id="sign-in-token"
            rows={4}
            value={token}
            spellcheck={false}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={invalid ? 'sign-in-token-error' : undefined}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          {invalid ? (
            <p class="field-error" id="sign-in-token-error">
              {t('signIn.badToken')}
            </p>
          ) : null}
        </div>
        <button type="submit">{t('signIn.useToken')}</button>
      </form>
    </details>
  );
}
