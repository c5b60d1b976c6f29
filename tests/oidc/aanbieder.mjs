// An OpenID provider for the sign-in tests: npm oidc-provider (OpenID Certified), on a
// free port of 127.0.0.1. The test harness starts it with its clients as JSON, e.g.
//   node tests/oidc/aanbieder.mjs '{"clients": [{"client_id": "grondplan",
//     "client_secret": "…", "redirect_uris": ["http://127.0.0.1:4000/…/terug"]}]}'
// and reads "klaar <issuer>" from the first line it prints. Its own development login
// form signs anyone in: the login typed becomes the subject (`sub`), the e-mail
// address is `<login>@voorbeeld.nl`, and its `groups` are what the optional "groepen"
// of the JSON give that login.
import http from 'node:http';
import Provider from 'oidc-provider';

const instellingen = JSON.parse(process.argv[2] ?? '{"clients": []}');
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: instellingen.clients.map((client) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...client,
    })),
    // PKCE for every client, as the NL GOV profile asks.
    pkce: { required: () => true },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: `${id}@voorbeeld.nl`,
        groups: instellingen.groepen?.[id] ?? [],
      }),
    }),
    claims: { openid: ['sub'], email: ['email'], profile: ['groups'] },
    // The e-mail address in the ID token itself, as Entra ID and Keycloak put it.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      // Its own logout question, without the stock page's web font (no internet here).
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html lang="nl"><head><title>Afmelden</title></head>
            <body><h1>Afmelden?</h1>${form}
            <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, afmelden</button>
            </body></html>`;
        },
      },
    },
    cookies: { keys: ['alleen-voor-tests'] },
  });
  server.on('request', provider.callback());
  console.log(`klaar ${issuer}`);
});
