// A real OpenID Provider for tests: `oidc-provider` (the certified Node implementation) on a free
// loopback port, with a table of people the test edits and a login step that signs in whoever the
// test names (the provider's own login form is not what is under test).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

export interface IdpPerson {
  email: string;
  email_verified: boolean;
  name: string;
  groups?: string[];
}

export interface TestIdp {
  issuer: string;
  /** People by subject; edit freely between sign-ins. */
  people: Map<string, IdpPerson>;
  /** The subject the next login signs in as. */
  signInAs(subject: string): void;
  /**
   * Registers Rapport (and a second app, `other-app`) with their redirect URIs and where the provider may
   * send the browser after signing out. Call once, before use.
   */
  register(redirectUris: string[], postLogoutRedirectUris?: string[]): void;
  /** Shifts the provider's clock (milliseconds; negative = behind), as a drifting IdP clock would. */
  skewClock(ms: number): void;
  stop(): Promise<void>;
}

export const CLIENT = { id: 'rapport', secret: 'rapport-test-secret' };

export async function startIdp(): Promise<TestIdp> {
  const people = new Map<string, IdpPerson>();
  let subject = '';
  let provider: Provider | undefined;
  let skew = 0;
  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) {
      await provider.interactionFinished(req, res, { login: { accountId: subject } }, { mergeWithLastSubmission: false });
      return;
    }
    provider.callback()(req, res);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  const issuer = `http://127.0.0.1:${address.port}`;
  const realNow = Date.now;
  return {
    issuer,
    people,
    signInAs: (s) => void (subject = s),
    register(redirectUris, postLogoutRedirectUris = []) {
      provider = new Provider(issuer, {
        clients: [
          { client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: redirectUris },
          { client_id: 'other-app', client_secret: 'other-secret', redirect_uris: redirectUris },
        ].map((c) => ({
          ...c,
          post_logout_redirect_uris: postLogoutRedirectUris,
        })),
        cookies: { keys: ['test-cookie-key'] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
        // Claims in the ID token itself, as Entra ID and Keycloak send them, not only from userinfo.
        conformIdTokenClaims: false,
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        features: { devInteractions: { enabled: false } },
        // A first-party app: no consent screen.
        async loadExistingGrant(ctx) {
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client!.clientId,
            accountId: ctx.oidc.session!.accountId!,
          });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
        async findAccount(_ctx, id) {
          const person = people.get(id);
          if (!person) return undefined;
          return { accountId: id, claims: async () => ({ sub: id, ...person }) };
        },
      });
    },
    skewClock(ms) {
      skew = ms;
      Date.now = ms === 0 ? realNow : () => realNow() + skew;
    },
    async stop() {
      Date.now = realNow;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
