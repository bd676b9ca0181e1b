/** Sign-in through the identity provider (OpenID Connect, docs/sign-in.md). */
export { discoverProvider, type IdentityProvider } from './provider.ts';
export { signInRouter, type SignIn } from './routes.ts';
export { SIGN_IN_ROUTES, signInSessionRouter } from './session-route.ts';
