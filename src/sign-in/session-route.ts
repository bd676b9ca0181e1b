import type { Router } from 'express';
import type { HttpContext } from '../http/context.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';

const signInSession = defineRoute<HttpContext>({
  method: 'get',
  path: '/auth/session',
  operationId: 'signInSession',
  summary: 'Who the session cookie names',
  description:
    'For the console: whether it signs in through the identity provider (`OIDC_ISSUER`; then `/auth/login`, and the API is called with the session cookie), and who is signed in. Always 200; `principal` is null without a session. The sign-in itself (`/auth/login`, `/auth/callback`, `/auth/logout`) is browser pages and redirects, described in docs/sign-in.md rather than here.',
  tag: 'Sign-in',
  access: 'public',
  responses: {
    200: { description: 'The sign-in mode and the signed-in person.', content: json('sign-in-session') },
  },
  handler: (ctx) => (req, res) => {
    res.set('Cache-Control', 'no-store');
    const verdict = ctx.sessions?.read(req);
    res.json({ provider: ctx.sessions !== undefined, principal: verdict?.ok ? verdict.principal : null });
  },
});

/** The documented route of the sign-in: `GET /auth/session`. */
export const SIGN_IN_ROUTES: readonly RouteDefinition<HttpContext>[] = [signInSession];

/** `GET /auth/session`, mounted at `/auth/session`. */
export function signInSessionRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, SIGN_IN_ROUTES, { prefix: '/auth/session' });
}
