import type { Router } from 'express';
import { isPrincipalRole, PRINCIPAL_ROLES } from '../auth/principal.ts';
import type { DevelopmentTokenClaims } from '../auth/tokens.ts';
import { defineRoute, mountRoutes, type RouteDefinition } from '../openapi/define-route.ts';
import { json } from '../openapi/route-table.ts';
import type { HttpContext } from './context.ts';
import { fieldError, type FieldError } from '../errors/index.ts';
import { HttpError, notFound, validationFailed } from './problem.ts';
import { jsonBody } from './request.ts';

const signDevelopmentToken = defineRoute<HttpContext>({
  method: 'post',
  path: '/api/v1/dev/token',
  operationId: 'signDevelopmentToken',
  summary: 'Development sign-in',
  description:
    'Signs a token for any role and organisation, so that the console can be tried without an identity provider. Only while the service runs on its generated development secret (no `JWT_SECRET`, `JWT_PUBLIC_KEY` nor `OIDC_ISSUER`): 404 wherever a key or an identity provider is configured, in every `NODE_ENV`.',
  tag: 'Development',
  access: 'public',
  body: { schema: 'dev-sign-in', validation: 'route' },
  responses: { 201: { description: 'The token and its claims.', content: json('dev-token') } },
  problems: [404, 422],
  before: () => [...jsonBody()],
  handler: (ctx) => (req, res) => {
    if (!ctx.signDevelopmentToken) {
      throw notFound('dev-sign-in-off');
    }
    const body = req.body as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (!isPrincipalRole(body.role)) {
      errors.push(fieldError('/role', 'not-one-of', { allowed: [...PRINCIPAL_ROLES] }));
    }
    for (const field of ['org', 'sub', 'name', 'org_name'] as const) {
      if (body[field] !== undefined && typeof body[field] !== 'string') {
        errors.push(fieldError(`/${field}`, 'not-text'));
      }
    }
    if (body.lead !== undefined && typeof body.lead !== 'boolean') {
      errors.push(fieldError('/lead', 'wrong-type', { types: ['boolean'] }));
    }
    if (errors.length) throw validationFailed('dev-sign-in-invalid', {}, errors);
    const role = body.role as DevelopmentTokenClaims['role'];
    const org = (body.org as string | undefined) || null;
    const claims: DevelopmentTokenClaims = {
      sub: (body.sub as string | undefined) || `${role}-${org ?? role}`,
      role,
      org,
      ...(body.name ? { name: body.name as string } : {}),
      ...(body.lead === true && role === 'clerk' ? { lead: true } : {}),
      ...(body.org_name && role === 'applicant' ? { org_name: body.org_name as string } : {}),
    };
    try {
      res.status(201).json({ token: ctx.signDevelopmentToken(claims), claims });
    } catch (error) {
      // The claims would not verify (e.g. an applicant without a well-formed USCC): say what to fix, and where.
      const message = error instanceof Error ? error.message : 'cannot sign in as that';
      const field = /\b(sub|name)\b claim/.exec(message)?.[1] ?? 'org';
      // The token library says in English what is wrong with the claim; the code says it in any language.
      throw new HttpError(
        422,
        'validation-failed',
        'dev-sign-in-invalid',
        {},
        [{ ...fieldError(`/${field}`, 'claim-refused'), detail: message }],
        { detail: message },
      );
    }
  },
});

/**
 * Development sign-in: a token for any role and organisation, so that the console can be tried without an
 * identity provider. It exists only while the service runs on the development secret it generated itself;
 * with `JWT_SECRET` or `JWT_PUBLIC_KEY` configured it is a 404, whatever `NODE_ENV` says.
 */
export const DEV_TOKEN_ROUTES: readonly RouteDefinition<HttpContext>[] = [signDevelopmentToken];

/** The development sign-in router, mounted at `/api/v1/dev/token`. */
export function devTokenRouter(ctx: HttpContext): Router {
  return mountRoutes(ctx, DEV_TOKEN_ROUTES, { prefix: '/api/v1/dev/token' });
}
