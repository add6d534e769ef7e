// The route x role matrix (tests/helpers/security-matrix.ts), straight to the built server.
import { startServer } from '../helpers/server.ts';
import { securityMatrix } from '../helpers/security-matrix.ts';

securityMatrix(async () => ({ ...(await startServer()), https: false }));
