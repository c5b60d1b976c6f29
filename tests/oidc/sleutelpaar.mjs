// A fresh RSA key pair for a private_key_jwt client in the sign-in tests: prints one
// line of JSON with the private key as PKCS#8 PEM (for Grondplan) and the public key as
// a JWK (to register with the provider).
import * as jose from 'jose';

const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'grondplan-test', alg: 'RS256', use: 'sig' };
console.log(JSON.stringify({ pem: await jose.exportPKCS8(privateKey), jwk }));
