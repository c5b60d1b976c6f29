// An identity provider that misbehaves on purpose, for the refusal tests of the sign-in:
// it speaks just enough OpenID Connect (discovery, keys, an authorize endpoint that sends
// the browser straight back with a code, a token endpoint) and signs each ID token with
// the defect the test last asked for (POST /gebrek with {"gebrek": "…"}):
//   geen          a good token (the control case)
//   handtekening  signed with a key that is not in its JWKS under that kid
//   aud           for another client
//   verlopen      expired an hour ago
//   nonce         with another nonce than the one asked for
//   onbekende-kid signed with a key whose kid is not (or no longer) in its JWKS
//   gedraaid      signed with a new key that the JWKS lists from now on (rotation)
// It refuses a token request without a PKCE verifier that fits the challenge.
// Started like aanbieder.mjs; prints "klaar <issuer>".
import crypto from 'node:crypto';
import http from 'node:http';
import * as jose from 'jose';

const instellingen = JSON.parse(process.argv[2] ?? '{}');
const { client_id: clientId, client_secret: clientSecret, redirect_uri: terug } = instellingen;

const sleutel = async (kid) => {
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, jwk };
};
let huidig = await sleutel('sleutel-1');
const vreemd = await sleutel('sleutel-1'); // same kid, other key: a wrong signature
const weg = await sleutel('sleutel-weg'); // a kid the JWKS does not list
let gebrek = 'geen';
const codes = new Map(); // code -> { nonce, challenge }

const lees = (verzoek) =>
  new Promise((klaar) => {
    let tekst = '';
    verzoek.on('data', (d) => (tekst += d));
    verzoek.on('end', () => klaar(tekst));
  });

const server = http.createServer(async (verzoek, antwoord) => {
  const url = new URL(verzoek.url, issuer);
  const json = (status, waarde) => {
    antwoord.writeHead(status, { 'content-type': 'application/json' });
    antwoord.end(JSON.stringify(waarde));
  };
  if (url.pathname === '/.well-known/openid-configuration') {
    return json(200, {
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
    });
  }
  if (url.pathname === '/jwks') return json(200, { keys: [huidig.jwk] });
  if (url.pathname === '/gebrek' && verzoek.method === 'POST') {
    gebrek = JSON.parse(await lees(verzoek)).gebrek;
    if (gebrek === 'gedraaid') huidig = await sleutel('sleutel-2');
    return json(200, { gebrek });
  }
  if (url.pathname === '/auth') {
    const code = crypto.randomBytes(16).toString('base64url');
    codes.set(code, {
      nonce: url.searchParams.get('nonce'),
      challenge: url.searchParams.get('code_challenge'),
    });
    const naar = new URL(url.searchParams.get('redirect_uri'));
    naar.searchParams.set('code', code);
    naar.searchParams.set('state', url.searchParams.get('state'));
    antwoord.writeHead(303, { location: naar.toString() });
    return antwoord.end();
  }
  if (url.pathname === '/token' && verzoek.method === 'POST') {
    const basis = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (verzoek.headers.authorization !== basis) return json(401, { error: 'invalid_client' });
    const velden = new URLSearchParams(await lees(verzoek));
    const aanvraag = codes.get(velden.get('code'));
    codes.delete(velden.get('code'));
    const verifier = velden.get('code_verifier') ?? '';
    const uitdaging = crypto.createHash('sha256').update(verifier).digest('base64url');
    if (!aanvraag || uitdaging !== aanvraag.challenge || velden.get('redirect_uri') !== terug) {
      return json(400, { error: 'invalid_grant' });
    }
    const nu = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'persoon-1',
      email: 'persoon-1@voorbeeld.nl',
      nonce: gebrek === 'nonce' ? 'een-andere-nonce' : aanvraag.nonce,
    };
    const ondertekenaar = {
      handtekening: vreemd,
      'onbekende-kid': weg,
    }[gebrek] ?? huidig;
    const token = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: ondertekenaar.jwk.kid })
      .setIssuer(issuer)
      .setAudience(gebrek === 'aud' ? 'een-andere-client' : clientId)
      .setIssuedAt(gebrek === 'verlopen' ? nu - 7200 : nu)
      .setExpirationTime(gebrek === 'verlopen' ? nu - 3600 : nu + 300)
      .sign(ondertekenaar.privateKey);
    return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: token });
  }
  json(404, { error: 'not_found' });
});

let issuer;
server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(`klaar ${issuer}`);
});
