import * as oidc from 'openid-client';
import { PROVIDER_ALGORITHMS, type ProviderAlgorithm } from '../auth/provider-tokens.ts';
import { ConfigError, type OidcConfig } from '../config.ts';

/** The identity provider as its discovery document describes it, and the client registered with it. */
export interface IdentityProvider {
  /** openid-client's configuration: the server's metadata and this client. */
  client: oidc.Configuration;
  issuer: string;
  jwksUri: string;
  /** What the provider signs ID tokens with, kept to RS256 and ES256. */
  algorithms: readonly ProviderAlgorithm[];
  /** Where RP-initiated logout goes; undefined when the provider offers none. */
  endSessionEndpoint?: string;
}

/**
 * Reads `<OIDC_ISSUER>/.well-known/openid-configuration` (openid-client checks that its `issuer` is the one
 * configured). Run once at start, so a wrong issuer stops the service with one clear line.
 * @throws ConfigError when the provider cannot be reached, or offers nothing ZeroTrip can verify.
 */
export async function discoverProvider(config: OidcConfig): Promise<IdentityProvider> {
  const issuerUrl = new URL(config.issuer);
  let client: oidc.Configuration;
  try {
    client = await oidc.discovery(
      issuerUrl,
      config.clientId,
      config.clientSecret,
      config.clientSecret ? oidc.ClientSecretBasic(config.clientSecret) : oidc.None(),
      // http only ever for a provider on this machine: loadConfig refuses it anywhere else.
      issuerUrl.protocol === 'http:'
        ? { execute: [oidc.allowInsecureRequests], timeout: 10 }
        : { timeout: 10 },
    );
  } catch (error) {
    throw new ConfigError(
      `cannot read the identity provider's discovery document at ${config.issuer}/.well-known/openid-configuration ` +
        `(${error instanceof Error ? error.message : String(error)}); check OIDC_ISSUER and that the provider is reachable`,
    );
  }
  // The ID token comes straight from the token endpoint, which would be trust enough (OIDC Core 3.1.3.7); its
  // signature is checked against the provider's JWKS all the same.
  oidc.enableNonRepudiationChecks(client);
  const metadata = client.serverMetadata();
  if (!metadata.jwks_uri)
    throw new ConfigError(`the identity provider at ${config.issuer} publishes no jwks_uri`);
  const advertised = metadata.id_token_signing_alg_values_supported ?? ['RS256'];
  const algorithms = PROVIDER_ALGORITHMS.filter((alg) => advertised.includes(alg));
  if (algorithms.length === 0) {
    throw new ConfigError(
      `the identity provider signs with ${advertised.join(', ')}; ZeroTrip accepts RS256 or ES256 only`,
    );
  }
  return {
    client,
    issuer: metadata.issuer,
    jwksUri: metadata.jwks_uri,
    algorithms,
    ...(metadata.end_session_endpoint ? { endSessionEndpoint: metadata.end_session_endpoint } : {}),
  };
}
