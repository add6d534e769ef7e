// 4. Bytes of JavaScript and CSS each page type ships: the assets a page references (and, for scripts,
// the modules they import), read from dist/client and gzipped one by one as a server would send them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { choose, startRun } from '../src/lib/server/learning/scenario-runs.ts';
import { clientStore } from '../src/lib/server/db/store.ts';
import type { Db } from '../src/lib/server/db/db.ts';
import { CLIENT_DIR, course, seededDb, signInAs, startServer, type Options, demoTeamPath } from './lib.ts';
import { int, kb, verdict, type Section } from './report.ts';

type Aim = 'none' | 'zero' | 'island';
const ISLAND_LIMIT = 6 * 1024;

interface Weight {
  js: number;
  jsRaw: number;
  css: number;
  cssRaw: number;
  jsFiles: number;
  cssFiles: number;
}

const gz = (data: Buffer | string) => gzipSync(data).byteLength;

/** Relative module specifiers a built script imports statically or dynamically. */
function imports(code: string): string[] {
  const found = [...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)];
  const dynamic = [...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)];
  return [...found, ...dynamic].map((m) => m[1]!);
}

function assetFile(url: URL): string {
  const file = join(CLIENT_DIR, decodeURIComponent(url.pathname));
  if (!existsSync(file)) throw new Error(`the page references ${url.pathname}, which is not in dist/client`);
  return file;
}

/** Sums what one HTML page ships: external and inline scripts and stylesheets, each script's imports followed. */
function weigh(html: string, base: URL): Weight {
  const { document } = parseHTML(html);
  const w: Weight = { js: 0, jsRaw: 0, css: 0, cssRaw: 0, jsFiles: 0, cssFiles: 0 };
  const seen = new Set<string>();
  const addScript = (url: URL) => {
    if (seen.has(url.pathname)) return;
    seen.add(url.pathname);
    const code = readFileSync(assetFile(url));
    w.js += gz(code);
    w.jsRaw += code.byteLength;
    w.jsFiles++;
    for (const spec of imports(code.toString('utf8'))) addScript(new URL(spec, url));
  };
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    const type = script.getAttribute('type');
    if (type && !/module|javascript/.test(type)) continue; // JSON-LD and the like are data, not code
    if (src) addScript(new URL(src, base));
    else if (script.textContent?.trim()) {
      w.js += gz(script.textContent);
      w.jsRaw += Buffer.byteLength(script.textContent);
      w.jsFiles++;
    }
  }
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    const css = readFileSync(assetFile(new URL(link.getAttribute('href') ?? '', base)));
    w.css += gz(css);
    w.cssRaw += css.byteLength;
    w.cssFiles++;
  }
  for (const style of document.querySelectorAll('style')) {
    w.css += gz(style.textContent ?? '');
    w.cssRaw += Buffer.byteLength(style.textContent ?? '');
    w.cssFiles++;
  }
  return w;
}

/** A finished run of a role-play (always the first choice), for the debrief page. */
async function finishedRun(db: Db, userId: string, scenarioId: string): Promise<string> {
  const scenario = course().scenarios.get(scenarioId)!;
  const run = await startRun(db, userId, scenario);
  let nodeId = run.nodeId;
  while (nodeId) {
    const node = scenario.nodes.find((n) => n.id === nodeId)!;
    const result = await choose(clientStore(db.$client), userId, scenario, run.id, { nodeId, choiceId: node.choices[0]!.id });
    if (!result.ok) throw new Error(`could not play ${scenarioId}: ${result.reason}`);
    nodeId = result.state.nodeId;
  }
  return run.id;
}

export async function benchWeight(_options: Options): Promise<Section> {
  const bench = await seededDb();
  const server = await startServer(bench.url);
  try {
    const learner = await signInAs(bench.db, 'learner@example.com');
    const manager = await signInAs(bench.db, 'manager@example.com');
    const admin = await signInAs(bench.db, 'admin@example.com');
    await startRun(bench.db, learner.id, course().scenarios.get('the-saturday-rush')!);
    const debriefRun = await finishedRun(bench.db, learner.id, 'the-supplier-delay');
    const pages: [string, string, string | null, Aim][] = [
      ['sign-in', '/sign-in', null, 'none'],
      ['home', '/', learner.cookie, 'zero'],
      ['module', '/modules/empathy', learner.cookie, 'zero'],
      ['lesson', '/modules/empathy/what-empathy-looks-like', learner.cookie, 'zero'],
      ['quiz', '/quizzes/empathy-quiz', learner.cookie, 'island'],
      ['role-play', '/scenarios/the-saturday-rush', learner.cookie, 'island'],
      ['debrief', `/scenarios/the-supplier-delay/runs/${debriefRun}`, learner.cookie, 'zero'],
      ['journal', '/journal', learner.cookie, 'zero'],
      ['team dashboard', await demoTeamPath(bench.db), manager.cookie, 'none'],
      ['admin people', '/admin/people', admin.cookie, 'none'],
    ];
    const rows: (string | number)[][] = [];
    const findings: string[] = [];
    for (const [name, path, cookie, aim] of pages) {
      const res = await fetch(`${server.origin}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      const html = await res.text();
      const w = weigh(html, new URL(path, server.origin));
      const met = aim === 'zero' ? w.js === 0 : aim === 'island' ? w.js < ISLAND_LIMIT : true;
      const aimText = aim === 'zero' ? '0 KB' : aim === 'island' ? '< 6 KB' : '-';
      rows.push([
        name,
        int(w.jsFiles),
        kb(w.jsRaw),
        kb(w.js),
        int(w.cssFiles),
        kb(w.cssRaw),
        kb(w.css),
        kb(gz(html)),
        aimText,
        aim === 'none' ? '-' : verdict(met),
      ]);
      if (!met) findings.push(`${name} ships ${kb(w.js)} KB of gzipped JavaScript; aim ${aimText}.`);
    }
    return {
      title: '4. JavaScript and CSS per page type',
      method: [
        'Each page type is fetched from the built server (seeded database; learner, manager or admin session as the page needs). ' +
          'Every <script> (with src, or inline) and every <link rel=stylesheet> and <style> it contains is counted; scripts are ' +
          'followed through their relative imports. External assets are read from dist/client and gzipped one file at a time ' +
          '(zlib default level), as a server compressing each response would send them. The HTML itself is listed for scale.',
      ],
      tables: [
        {
          caption: 'Per page type (KB = 1,024 bytes)',
          head: [
            'page',
            'JS files',
            'JS KB',
            'JS gzip KB',
            'CSS files',
            'CSS KB',
            'CSS gzip KB',
            'HTML gzip KB',
            'JS aim',
            'aim',
          ],
          rows,
        },
      ],
      findings: findings.length
        ? findings
        : ['Every JavaScript aim met: reading pages ship none, each island less than 6 KB gzipped.'],
    };
  } finally {
    await server.stop();
    bench.close();
  }
}
