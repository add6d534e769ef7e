// The route x role matrix (tests/helpers/security-matrix.ts) through a TLS-terminating reverse proxy
// (the npm http-proxy-3), as docs/operations.md deploys it: PUBLIC_ORIGIN and TRUST_PROXY set, every
// request on https, the same answers as straight to the server plus HSTS on each.
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { startServer } from '../helpers/server.ts';
import { freePort, makeCertificate, removeCertificate, startProxy } from '../helpers/proxy.ts';
import { securityMatrix } from '../helpers/security-matrix.ts';

securityMatrix(async () => {
  const tls = makeCertificate();
  // The matrix uses the global fetch; let it trust the test certificate.
  const before = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { ca: tls.cert } }));
  const port = await freePort();
  const origin = `https://localhost:${port}`;
  const server = await startServer({ env: { PUBLIC_ORIGIN: origin, TRUST_PROXY: 'true', HOST: '127.0.0.1' } });
  const proxy = await startProxy('http-proxy-3', port, Number(new URL(server.origin).port), tls);
  return {
    origin,
    db: server.db,
    https: true,
    async stop() {
      await proxy.stop();
      await server.stop();
      setGlobalDispatcher(before);
      removeCertificate(tls);
    },
  };
});
