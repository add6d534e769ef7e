// 5. Lighthouse performance and accessibility scores of the lesson, quiz, role-play and dashboard pages,
// run by the browser tests' Chromium (system first, else @sparticuz/chromium's; CHROMIUM_PATH chooses) against the
// built server, signed in through a session cookie header.
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { course, seededDb, signInAs, startServer, type Options, demoTeamPath } from './lib.ts';
import { ms, type Section } from './report.ts';
import { startRun } from '../src/lib/server/learning/scenario-runs.ts';
import { findChromium } from '../tests/helpers/chromium.ts';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function benchLighthouse(_options: Options): Promise<Section> {
  const browser = await findChromium();
  const bench = await seededDb();
  const server = await startServer(bench.url);
  const chrome = await launch({
    chromePath: browser.path,
    chromeFlags: FLAGS,
    logLevel: 'silent',
  });
  try {
    const learner = await signInAs(bench.db, 'learner@example.com');
    const manager = await signInAs(bench.db, 'manager@example.com');
    // A role-play under way, so the page shows the other person and the choices.
    await startRun(bench.db, learner.id, course().scenarios.get('the-saturday-rush')!);
    const pages: [string, string, string][] = [
      ['lesson', '/modules/empathy/what-empathy-looks-like', learner.cookie],
      ['quiz', '/quizzes/empathy-quiz', learner.cookie],
      ['role-play', '/scenarios/the-saturday-rush', learner.cookie],
      ['team dashboard', await demoTeamPath(bench.db), manager.cookie],
    ];
    const rows: (string | number)[][] = [];
    let benchmarkIndex = NaN;
    let version = '';
    let chromeVersion = '';
    for (const [name, path, cookie] of pages) {
      const result = await lighthouse(`${server.origin}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: { Cookie: cookie },
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${path}: ${lhr.runtimeError.message}`);
      if (!lhr.finalDisplayedUrl.endsWith(path)) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${path}`);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
      const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      benchmarkIndex = lhr.environment.benchmarkIndex;
      version = lhr.lighthouseVersion;
      chromeVersion = /Chrome\/([\d.]+)/.exec(lhr.environment.hostUserAgent)?.[1] ?? 'unknown';
      rows.push([
        name,
        path,
        score('performance'),
        score('accessibility'),
        ms(metric('first-contentful-paint'), 0),
        ms(metric('largest-contentful-paint'), 0),
        ms(metric('total-blocking-time'), 0),
        metric('cumulative-layout-shift').toFixed(3),
      ]);
    }
    return {
      title: '5. Lighthouse',
      method: [
        `Lighthouse ${version} (default settings: mobile form factor, simulated slow-4G throttling and 4x CPU slowdown) ` +
          `with Chromium ${chromeVersion} at ${browser.path} (${browser.source}) and flags ${FLAGS.join(' ')}; one run per page, the session ` +
          `cookie passed through extraHeaders. Lighthouse's benchmark index of this machine during the run: ${Math.round(benchmarkIndex)}.`,
      ],
      tables: [
        {
          caption: 'Scores (0-100) and lab metrics (ms; CLS unitless)',
          head: ['page', 'path', 'performance', 'accessibility', 'FCP', 'LCP', 'TBT', 'CLS'],
          rows,
        },
      ],
      findings: [],
    };
  } finally {
    chrome.kill();
    await server.stop();
    bench.close();
  }
}
