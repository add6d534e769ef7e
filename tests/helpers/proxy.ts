// TLS-terminating reverse proxies in front of the built server, as operators run them: the npm proxy
// http-proxy-3 (always there), and nginx and Caddy with the very configuration blocks that
// docs/operations.md shows (where the machine has them). Each listens on loopback with a certificate made
// for the test by openssl.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createProxyServer } from 'http-proxy-3';
import { Agent, fetch as undiciFetch } from 'undici';
import { freePort } from './process-server.ts';

export { freePort };

export const PROXY_KINDS = ['http-proxy-3', 'nginx', 'caddy'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

const BINARIES: Record<ProxyKind, string[]> = {
  'http-proxy-3': [],
  nginx: ['/usr/sbin/nginx', '/usr/bin/nginx'],
  caddy: ['/usr/bin/caddy', '/usr/local/bin/caddy'],
};

/** The binary of a proxy on this machine, or null (http-proxy-3 needs none). */
export function proxyBinary(kind: ProxyKind): string | null {
  return BINARIES[kind].find((p) => existsSync(p)) ?? null;
}

export function proxyAvailable(kind: ProxyKind): boolean {
  return kind === 'http-proxy-3' || proxyBinary(kind) !== null;
}

export interface Tls {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/** A self-signed certificate for localhost, valid for two days. */
export function makeCertificate(): Tls {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/** A fetch that trusts the test certificate (and only it, besides the usual roots) and follows no redirects. */
export function trustingFetch(tls: Tls) {
  const dispatcher = new Agent({ connect: { ca: tls.cert } });
  return (url: string, init: RequestInit = {}) =>
    undiciFetch(url, { redirect: 'manual', ...(init as object), dispatcher }) as unknown as Promise<Response>;
}

/** A fenced block of docs/operations.md by its language tag. */
export function documentedBlock(language: string): string {
  const text = readFileSync(resolve(import.meta.dirname, '../../docs/operations.md'), 'utf8');
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(text);
  if (!match) throw new Error(`docs/operations.md has no \`\`\`${language} block`);
  return match[1]!;
}

export interface Proxy {
  kind: ProxyKind;
  origin: string;
  stop(): Promise<void>;
}

/** Starts a proxy of `kind` on `port` (https://localhost:port) in front of `upstreamPort`. */
export async function startProxy(kind: ProxyKind, port: number, upstreamPort: number, tls: Tls): Promise<Proxy> {
  const origin = `https://localhost:${port}`;
  if (kind === 'http-proxy-3') {
    // xfwd adds X-Forwarded-For/-Proto/-Host; the Host header passes through unchanged.
    const proxy = createProxyServer({ target: `http://127.0.0.1:${upstreamPort}`, xfwd: true });
    proxy.on('error', (_error, _req, res) => {
      if (res && 'writeHead' in res && !res.headersSent) res.writeHead(502).end('Bad gateway');
    });
    const server = createHttpsServer({ cert: tls.cert, key: tls.key }, (req, res) => proxy.web(req, res));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    return {
      kind,
      origin,
      stop: () =>
        new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
          proxy.close();
        }),
    };
  }
  const child = kind === 'nginx' ? runNginx(port, upstreamPort, tls) : runCaddy(port, upstreamPort, tls);
  await waitForTls(port, tls, child);
  return {
    kind,
    origin,
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
    },
  };
}

function runNginx(port: number, upstreamPort: number, tls: Tls): ChildProcess {
  const server = documentedBlock('nginx')
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port} ssl;`)
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${tls.certFile};`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${tls.keyFile};`)
    .replace('http://127.0.0.1:4321', `http://127.0.0.1:${upstreamPort}`);
  const d = tls.dir;
  // Only the frame around the documented server block is the test's: files and temp folders of its own.
  const conf = `daemon off; pid ${d}/nginx.pid; error_log ${d}/nginx-error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${d}/body; proxy_temp_path ${d}/proxy; fastcgi_temp_path ${d}/fastcgi;
  uwsgi_temp_path ${d}/uwsgi; scgi_temp_path ${d}/scgi;
${server}
}
`;
  writeFileSync(join(d, 'nginx.conf'), conf);
  // As root nginx would hand its workers to "nobody", who may not read the key in our temp folder.
  const user = process.getuid?.() === 0 ? ['-g', 'user root;'] : [];
  return spawn(proxyBinary('nginx')!, ['-p', d, '-c', join(d, 'nginx.conf'), ...user], { stdio: 'ignore' });
}

function runCaddy(port: number, upstreamPort: number, tls: Tls): ChildProcess {
  const site = documentedBlock('caddy')
    .replace('learn.example.com {', `https://localhost:${port} {\n    tls ${tls.certFile} ${tls.keyFile}`)
    .replace('127.0.0.1:4321', `127.0.0.1:${upstreamPort}`);
  const caddyfile = `{
  admin off
  auto_https disable_redirects
}
${site}`;
  writeFileSync(join(tls.dir, 'Caddyfile'), caddyfile);
  const env = { ...process.env, HOME: tls.dir, XDG_DATA_HOME: tls.dir, XDG_CONFIG_HOME: tls.dir };
  return spawn(proxyBinary('caddy')!, ['run', '--config', join(tls.dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env,
    stdio: 'ignore',
  });
}

async function waitForTls(port: number, tls: Tls, child: ChildProcess) {
  const get = trustingFetch(tls);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`proxy exited early (code ${child.exitCode})`);
    try {
      await get(`https://localhost:${port}/favicon.svg`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('proxy did not start');
}

export function removeCertificate(tls: Tls) {
  rmSync(tls.dir, { recursive: true, force: true });
}
