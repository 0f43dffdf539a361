// A real OpenID provider for the tests (the `oidc-provider` package) on loopback: one public client (PKCE, no
// secret) for the console, the built-in development login form (any account name signs in), and two accounts whose
// claims say their role and department under the claim names the service is configured with.
// Usage: node oidc-provider.mjs <port> <client_id> <redirect_uri>; prints `ready <issuer>` when listening.
import Provider from 'oidc-provider';

const [port, clientId, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

/** Accounts of the county's identity provider: the claim names are the province's own (`bf_role`, `bf_dept`). */
const ACCOUNTS = {
  'clerk-501': { bf_role: 'department', bf_dept: '501', name: '王清（信访局）' },
  'finance-1': { bf_role: 'finance', name: '李财（财政局）' },
  // Known to the provider, but nobody gave it a role in budgetflow.
  'stranger-9': { name: '路人' },
};

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'], token_endpoint_auth_method: 'none' }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['name'], budget: ['bf_role', 'bf_dept'] },
  scopes: ['openid', 'profile', 'budget'],
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, sub) {
    const claims = ACCOUNTS[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
  cookies: { keys: ['test-only-cookie-key'] },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
