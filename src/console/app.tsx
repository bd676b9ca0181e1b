/** The console: who is signed in decides the pages; the path decides the page. */
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLang } from './i18n/index.ts';
import { Layout } from './components/layout.tsx';
import { match, navigate, useLocation } from './lib/router.tsx';
import { readsReviews } from './lib/review-officer.ts';
import { useSession, type Role } from './lib/session.ts';
import { AdminCalendarPage } from './pages/admin-calendar.tsx';
import { AdminChecklistPage } from './pages/admin-checklist.tsx';
import { AdminLiaisonsPage } from './pages/admin-liaisons.tsx';
import { AdminMaterialsPage } from './pages/admin-materials.tsx';
import { AdminTroublesPage } from './pages/admin-troubles.tsx';
import { AgentPage } from './pages/agent.tsx';
import { AuditPage } from './pages/audit.tsx';
import { BattleMapPage } from './pages/battle-map.tsx';
import { CasePage } from './pages/case-page.tsx';
import { CasesPage } from './pages/cases.tsx';
import { CreditPage } from './pages/credit.tsx';
import { DelegationsPage } from './pages/delegations.tsx';
import { DraftPage } from './pages/draft.tsx';
import { EnterprisePage } from './pages/enterprise.tsx';
import { ExpertPage, ExpertReviewPage } from './pages/expert.tsx';
import { GuidePage } from './pages/guide.tsx';
import { InboxPage } from './pages/inbox.tsx';
import { NotFound } from './pages/not-found.tsx';
import { NotificationsPage } from './pages/notifications.tsx';
import { ProjectPage } from './pages/project.tsx';
import { PledgeVerificationPage } from './pages/pledge-verification.tsx';
import { RatingFollowUpPage } from './pages/rating-follow-up.tsx';
import { ReportsPage } from './pages/reports.tsx';
import { ReviewPage } from './pages/review.tsx';
import { ReviewsPage } from './pages/reviews.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { VerifyPage } from './pages/verify.tsx';
import { SupplementPage } from './pages/supplement.tsx';

/** Where each role starts. */
export const HOME: Record<Role, string> = {
  applicant: '/cases',
  agent: '/agent',
  clerk: '/inbox',
  auditor: '/audit',
  admin: '/audit',
  expert: '/expert',
};

/** The administrator's screens (issue 13, item 10). */
const ADMIN_PAGES: Record<string, () => JSX.Element> = {
  '/admin/checklist': () => <AdminChecklistPage />,
  '/admin/materials': () => <AdminMaterialsPage />,
  '/admin/calendar': () => <AdminCalendarPage />,
  '/admin/liaisons': () => <AdminLiaisonsPage />,
  '/admin/troubles': () => <AdminTroublesPage />,
};

/** Pages anyone may open before signing in (besides the sign-in page itself). */
const PUBLIC_PAGES = ['/guide'];

export function App() {
  useLang(); // a change of language draws everything again
  const session = useSession();
  const { path, query } = useLocation();
  // The public verification page: a bank, an inspector on site or a citizen opens it from the QR code.
  const verifying = match('/verify/:number', path);

  // A deep link opened before signing in (`/cases/…`) is where the person lands after signing in.
  const next = query.get('next');
  const back = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
  const target = verifying
    ? null
    : !session && path !== '/sign-in' && !PUBLIC_PAGES.includes(path)
      ? `/sign-in${path === '/' ? '' : `?next=${encodeURIComponent(path + window.location.search)}`}`
      : session && path === '/sign-in'
        ? (back ?? HOME[session.claims.role])
        : session && path === '/'
          ? HOME[session.claims.role]
          : null;
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  if (target) return null;
  if (verifying) return <VerifyPage number={verifying.number!} />;
  if (!session) return path === '/guide' ? <GuidePage /> : <SignInPage />;

  let params: Record<string, string> | null;
  let page;
  if (path === '/cases') page = <CasesPage />;
  else if (path === '/cases/new')
    page = <DraftPage workflow={query.get('workflow')} applicant={query.get('applicant')} />;
  else if ((params = match('/cases/:id/edit', path))) page = <DraftPage caseId={params.id!} />;
  else if ((params = match('/cases/:id/supplement', path))) page = <SupplementPage caseId={params.id!} />;
  else if ((params = match('/cases/:id', path))) page = <CasePage caseId={params.id!} />;
  else if ((params = match('/projects/:code', path))) page = <ProjectPage code={params.code!} />;
  else if ((params = match('/rating-follow-ups/:id', path)))
    page = <RatingFollowUpPage followUpId={params.id!} />;
  else if (path === '/delegations') page = <DelegationsPage />;
  else if (path === '/enterprise' && session.claims.role === 'applicant') page = <EnterprisePage />;
  else if (path === '/agent') page = <AgentPage />;
  else if (path === '/inbox') page = <InboxPage />;
  else if (path === '/audit') page = <AuditPage />;
  else if (path === '/audit/reports') page = <ReportsPage />;
  else if (path === '/notifications') page = <NotificationsPage />;
  else if ((params = match('/pledge-verifications/:id', path)))
    page = <PledgeVerificationPage verificationId={params.id!} />;
  else if (path === '/credit' && ['admin', 'auditor'].includes(session.claims.role)) page = <CreditPage />;
  else if (path === '/expert') page = <ExpertPage />;
  else if ((params = match('/expert/:id', path))) page = <ExpertReviewPage reviewId={params.id!} />;
  else if (path === '/reviews' && readsReviews(session)) page = <ReviewsPage />;
  else if ((params = match('/reviews/:id', path)) && readsReviews(session))
    page = <ReviewPage reviewId={params.id!} />;
  else if (path === '/battle-map') page = <BattleMapPage />;
  else if (path === '/guide') page = <GuidePage />;
  else if (session.claims.role === 'admin' && ADMIN_PAGES[path]) page = ADMIN_PAGES[path]!();
  else page = <NotFound />;
  return <Layout session={session}>{page}</Layout>;
}
