// A browser for single sign-on tests over HTTP: one cookie jar per host, redirects followed by hand so
// that a test can stop or tamper at any step. Used with a real provider (OpenID or SAML) started by the test.
export class SsoBrowser {
  private jars = new Map<string, Map<string, string>>();

  private jar(host: string): Map<string, string> {
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    return jar;
  }

  private header(host: string): Record<string, string> {
    const cookie = [...this.jar(host)].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private keep(host: string, res: Response) {
    const jar = this.jar(host);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value = ''] = pair!.split('=');
      const gone = value === '' || attributes.some((a) => /^\s*max-age=0$/i.test(a));
      if (gone) jar.delete(name!.trim());
      else jar.set(name!.trim(), value);
    }
  }

  async get(url: string): Promise<Response> {
    const target = new URL(url);
    const res = await fetch(target, { redirect: 'manual', headers: this.header(target.host) });
    this.keep(target.host, res);
    return res;
  }

  /**
   * A form post as a browser sends it from a page of `from` (default: `url`'s own origin). A post from
   * another site carries no SameSite=Lax cookies, as in a real browser.
   */
  async post(url: string, fields: Record<string, string>, from?: string): Promise<Response> {
    const target = new URL(url);
    const crossSite = from !== undefined && new URL(from).origin !== target.origin;
    const res = await fetch(target, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(fields),
      headers: { origin: from ? new URL(from).origin : target.origin, ...(crossSite ? {} : this.header(target.host)) },
    });
    this.keep(target.host, res);
    return res;
  }

  cookie(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string) {
    this.jar(host).set(name, value);
  }
}
