/** The frame around every page: who is signed in, the role's pages, the language switch, sign-out. */
import type { ComponentChildren } from 'preact';
import { setLang, t, tDept, tRole, useLang } from '../i18n/index.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { dropAllLocalDrafts } from '../lib/local-draft.ts';
import { signOut, useSignInMode, type Role, type Session } from '../lib/session.ts';
import { Bell } from './bell.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { isReviewOfficer } from '../lib/review-officer.ts';

const NAV: Record<Role, Array<[string, MessageKey]>> = {
  applicant: [
    ['/cases', 'nav.myCases'],
    ['/cases/new', 'nav.newApplication'],
    ['/guide', 'nav.guide'],
    ['/delegations', 'nav.delegations'],
    ['/enterprise', 'nav.enterprise'],
  ],
  agent: [['/agent', 'nav.agent']],
  clerk: [
    ['/inbox', 'nav.inbox'],
    ['/cases', 'nav.allCases'],
    ['/battle-map', 'nav.battleMap'],
  ],
  auditor: [
    ['/audit', 'nav.audit'],
    ['/audit/reports', 'nav.reports'],
    ['/battle-map', 'nav.battleMap'],
    ['/cases', 'nav.allCases'],
    ['/credit', 'nav.credit'],
    ['/reviews', 'nav.reviews'],
  ],
  admin: [
    ['/audit', 'nav.audit'],
    ['/audit/reports', 'nav.reports'],
    ['/battle-map', 'nav.battleMap'],
    ['/cases', 'nav.allCases'],
    ['/credit', 'nav.credit'],
    ['/reviews', 'nav.reviews'],
    ['/admin/checklist', 'nav.adminChecklist'],
    ['/admin/materials', 'nav.adminMaterials'],
    ['/admin/calendar', 'nav.adminCalendar'],
    ['/admin/liaisons', 'nav.adminLiaisons'],
    ['/admin/troubles', 'nav.adminTroubles'],
  ],
  expert: [['/expert', 'nav.expertReviews']],
};

/** Who the person is, in words: role, and the enterprise or department. */
export function whoLabel(session: Session): string {
  const { role, org, name, sub } = session.claims;
  const where = role === 'clerk' && org ? tDept(org) : org;
  return [name ?? null, tRole(role), where ?? sub].filter(Boolean).join(' · ');
}

export function LanguageSwitch() {
  const current = useLang();
  const next = current === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" class="link-button" lang={next} onClick={() => setLang(next)}>
      {t('lang.switch')}
    </button>
  );
}

/**
 * Signing out: after a sign-in through the identity provider, a form posted to the service, which ends the
 * session cookie and sends the browser to the provider's sign-out; otherwise the token is forgotten here.
 */
function SignOut() {
  const mode = useSignInMode();
  if (mode === 'provider') {
    return (
      <form
        method="post"
        action="/auth/logout"
        class="sign-out-form"
        onSubmit={() => dropAllLocalDrafts(window.localStorage)}
      >
        <button type="submit" class="link-button">
          {t('nav.signOut')}
        </button>
      </form>
    );
  }
  return (
    <button
      type="button"
      class="link-button"
      onClick={() => {
        signOut();
        navigate('/sign-in');
      }}
    >
      {t('nav.signOut')}
    </button>
  );
}

/** The role's pages, and the review officer's pre-reviews for the clerks of that department. */
function navOf(session: Session): Array<[string, MessageKey]> {
  const pages = NAV[session.claims.role];
  return isReviewOfficer(session) ? [...pages, ['/reviews', 'nav.reviews']] : pages;
}

export function Layout({ session, children }: { session: Session; children: ComponentChildren }) {
  const { path } = useLocation();
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <div class="top-inner">
          <Link href="/" class="brand">
            {t('app.name')}
          </Link>
          <span class="who">{whoLabel(session)}</span>
          <span class="top-actions">
            {/* Everyone but experts: auditors and administrators too are told in person as task force members. */}
            {session.claims.role === 'expert' ? null : <Bell />}
            <LanguageSwitch />
            <SignOut />
          </span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {navOf(session).map(([href, key]) => (
              <li key={href}>
                <Link href={href} aria-current={path === href ? 'page' : undefined}>
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
