// A cmi5 launch simulated as an LMS makes it: the package's AU opened with the launch parameters, a one-time
// fetch URL for the auth token, LMS.LaunchData in the LRS's state API, and an LRS taking statements. Every
// statement the AU sends is checked by an xAPI validator and against the cmi5 rules for its verb.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import * as xapiValidation from '@learninglocker/xapi-validation';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { hostPackage, LMS } from '../helpers/package-host.ts';
import { answerRight } from '../helpers/package-quiz.ts';
import { activityId } from '../../src/lib/export/manifest.ts';
import { moduleCourseData, modulePackageZip } from '../../src/lib/server/export/module-package.ts';

// The package is CommonJS with an ES default export; under vitest it may arrive wrapped once more.
type Validate = (statement: unknown) => { path: string[]; typeName?: string }[];
const validateStatement = ((xapiValidation.default as unknown as { default?: Validate }).default ??
  xapiValidation.default) as Validate;

const MODULE = 'empathy';
const course = moduleCourseData(process.cwd(), MODULE);
const TOKEN = Buffer.from('au-user:au-secret').toString('base64');
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const VERB = (name: string) => `http://adlnet.gov/expapi/verbs/${name}`;

interface Statement {
  id: string;
  actor: unknown;
  verb: { id: string };
  object: { id: string };
  result?: { completion?: boolean; success?: boolean; score?: { scaled: number }; duration?: string };
  context: {
    registration: string;
    contextActivities: { category: { id: string }[]; grouping?: { id: string }[] };
    extensions?: Record<string, string>;
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function lms(launch: { actor: object; registration: string; activity: string; sessionId: string }) {
  const statements: Statement[] = [];
  const problems: string[] = [];
  let fetches = 0;
  const json = (route: Route, body: unknown, status = 200) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  const authorised = (route: Route) => route.request().headers()['authorization'] === `Basic ${TOKEN}`;
  const routes = {
    '/fetch': (route: Route) => {
      fetches++;
      // The fetch URL is single use (cmi5 8.2.3): a second call gets an error.
      if (fetches > 1) return json(route, { 'error-code': '1', 'error-text': 'already used' });
      return json(route, { 'auth-token': TOKEN });
    },
    '/lrs/activities/state': (route: Route) => {
      const url = new URL(route.request().url());
      if (!authorised(route)) problems.push('state read without the auth token');
      if (url.searchParams.get('stateId') !== 'LMS.LaunchData' || url.searchParams.get('registration') !== launch.registration)
        problems.push(`unexpected state query ${url.search}`);
      if (url.searchParams.get('activityId') !== launch.activity) problems.push('state read for another activity');
      return json(route, {
        contextTemplate: {
          contextActivities: { grouping: [{ id: activityId(MODULE) }] },
          extensions: { [SESSION]: launch.sessionId },
        },
        launchMode: 'Normal',
        launchMethod: 'AnyWindow',
        moveOn: 'CompletedAndPassed',
        masteryScore: course.quiz.passMark / 100,
        returnURL: `${LMS}/returned`,
      });
    },
    '/returned': '<!doctype html><title>Test LMS</title><h1>Back in the LMS</h1>',
    '/lrs/statements': (route: Route) => {
      const request = route.request();
      if (!authorised(route)) problems.push('statement sent without the auth token');
      if (request.headers()['x-experience-api-version'] !== '1.0.3')
        problems.push('statement sent without X-Experience-API-Version 1.0.3');
      const statement = request.postDataJSON() as Statement;
      statements.push(statement);
      return json(route, [statement.id]);
    },
  };
  return { routes, statements, problems, fetches: () => fetches };
}

describe('cmi5 package launched by a simulated LMS', () => {
  it('sends initialized, completed, failed, passed and terminated, each a valid xAPI statement following the cmi5 rules', async () => {
    const launch = {
      actor: { objectType: 'Agent', name: 'Lena Fischer', account: { homePage: 'https://lms.example', name: 'lena-42' } },
      registration: randomUUID(),
      activity: `${activityId(MODULE)}/au`,
      sessionId: randomUUID(),
    };
    const fake = lms(launch);
    const context = await browser.newContext();
    const refused = await hostPackage(context, modulePackageZip(process.cwd(), MODULE, 'cmi5'), fake.routes);
    const page = await context.newPage();
    const query = new URLSearchParams({
      endpoint: `${LMS}/lrs/`,
      fetch: `${LMS}/fetch`,
      actor: JSON.stringify(launch.actor),
      registration: launch.registration,
      activityId: launch.activity,
    });
    await page.goto(`${LMS}/package/index.html?${query}`);

    await expect.poll(() => fake.statements.length).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    for (const [i] of course.lessons.entries())
      await page.getByRole('button', { name: i === course.lessons.length - 1 ? 'Go to the quiz' : 'Next' }).click();
    await expect.poll(() => fake.statements.length).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Submit the quiz' }).click();
    await expect.poll(() => fake.statements.length).toBe(3);
    await answerRight(page, course.quiz);
    await page.getByRole('button', { name: 'Submit the quiz' }).click();
    await expect.poll(() => fake.statements.length).toBe(4);
    await page.getByRole('button', { name: 'Finish and exit' }).click();
    await expect.poll(() => fake.statements.length).toBe(5);
    // Then the AU hands back to the LMS at returnURL; leaving the page sends nothing more.
    await page.waitForURL(`${LMS}/returned`);
    expect(fake.statements).toHaveLength(5);

    // The validator is live: an empty object is not a statement.
    expect(validateStatement({}).length).toBeGreaterThan(0);
    expect(fake.statements.map((s) => s.verb.id)).toEqual(
      ['initialized', 'completed', 'failed', 'passed', 'terminated'].map(VERB),
    );
    for (const statement of fake.statements) {
      const where = statement.verb.id;
      expect({
        where,
        warnings: validateStatement(statement).map((w) => `${w.path.join('.')}: ${w.typeName ?? 'invalid'}`),
      }).toEqual({ where, warnings: [] });
      expect(statement.actor).toEqual(launch.actor);
      expect(statement.object.id).toBe(launch.activity);
      expect(statement.context.registration).toBe(launch.registration);
      // The context template's session id and grouping are kept; every statement is a cmi5 defined one.
      expect(statement.context.extensions?.[SESSION]).toBe(launch.sessionId);
      expect(statement.context.contextActivities.grouping).toEqual([{ id: activityId(MODULE) }]);
      expect(statement.context.contextActivities.category.map((c) => c.id)).toContain(CMI5);
    }
    const [initialized, completed, failed, passed, terminated] = fake.statements as [
      Statement,
      Statement,
      Statement,
      Statement,
      Statement,
    ];
    expect(initialized.result).toBeUndefined();
    expect(completed.result).toMatchObject({ completion: true });
    expect(completed.result?.success).toBeUndefined();
    expect(failed.result).toMatchObject({ success: false, score: { scaled: 0 } });
    expect(passed.result).toMatchObject({ success: true, score: { scaled: 1 } });
    for (const s of [completed, failed, passed]) expect(s.context.contextActivities.category.map((c) => c.id)).toContain(MOVEON);
    for (const s of [initialized, terminated])
      expect(s.context.contextActivities.category.map((c) => c.id)).not.toContain(MOVEON);
    expect(terminated.result?.duration).toMatch(/^PT\d+(\.\d+)?S$/);
    expect(new Set(fake.statements.map((s) => s.id)).size).toBe(5);
    expect(fake.fetches()).toBe(1);
    await context.close();
    expect(refused).toEqual([]);
    expect(fake.problems).toEqual([]);
  });
});
