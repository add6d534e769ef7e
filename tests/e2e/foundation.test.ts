// Sign-in, role homes, invites and refusals in a real browser against the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { axeViolations, launchBrowser, signedInContext } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/seed.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('signing in', () => {
  it.each([
    ['learner@example.com', 'Hello, Lena', ['My learning', 'Modules', 'Journal', 'Certificates']],
    ['trainer@example.com', 'Hello, Theo', ['My learning', 'Modules', 'Journal', 'Certificates', 'Content insight', 'Studio']],
    ['manager@example.com', 'Hello, Priya', ['My learning', 'Modules', 'Journal', 'Certificates', 'My teams', 'Assignments']],
    [
      'admin@example.com',
      'Hello, Ada',
      ['My learning', 'Modules', 'Journal', 'Certificates', 'My teams', 'Assignments', 'Content insight', 'Studio', 'People'],
    ],
  ])('%s lands on a home that fits the role', async (email, greeting, nav) => {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: greeting }).waitFor();
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(links.map((l) => l.trim())).toEqual(nav);
    await context.close();
  });

  it('shows a clear error for a wrong password and keeps the email filled in', async () => {
    const context = await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('learner@example.com');
    await page.getByLabel('Password').fill('definitely wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('do not match an active account');
    expect(await page.getByLabel('Email').inputValue()).toBe('learner@example.com');
    await context.close();
  });

  it('signs out', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });
});

describe('onboarding', () => {
  it('an admin invites a person, who sets a password through the link and lands home', async () => {
    const admin = await signedInContext(browser, server, 'admin@example.com');
    const page = await admin.newPage();
    await page.goto('/admin/people');
    const invite = page.getByRole('region', { name: 'Invite one person' });
    await invite.getByLabel('Email').fill('jo.newcomer@example.com');
    await invite.getByLabel('Name').fill('Jo Newcomer');
    await invite.getByLabel('Role').selectOption('learner');
    await invite.getByLabel('Team', { exact: true }).selectOption({ label: 'Field Service' });
    await invite.getByRole('button', { name: 'Create invite' }).click();
    const link = await page.getByLabel('Invite link for jo.newcomer@example.com').inputValue();
    expect(link).toMatch(/\/invite\/[a-z2-9]{24}\.[a-z2-9]{24}$/);
    await admin.close();

    const newcomer = await browser.newContext({ baseURL: server.origin });
    const p = await newcomer.newPage();
    await p.goto(link);
    await p.getByRole('heading', { name: 'Welcome, Jo Newcomer' }).waitFor();
    await p.getByLabel('New password').fill('willow harbor seven');
    await p.getByLabel('Type it again').fill('willow harbor seven');
    await p.getByRole('button', { name: 'Set password and start' }).click();
    await p.getByRole('heading', { level: 1, name: 'Hello, Jo' }).waitFor();
    expect(await p.getByRole('status').first().textContent()).toContain('Your password is set');
    // The link is single-use.
    await p.goto(link);
    expect(await p.getByRole('alert').textContent()).toContain('already been used');
    await newcomer.close();
  });
});

describe('refusals', () => {
  it('a learner on an admin URL sees the 403 page', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com');
    const page = await context.newPage();
    const response = await page.goto('/admin/people');
    expect(response?.status()).toBe(403);
    await page.getByRole('heading', { name: 'You do not have access to this page' }).waitFor();
    await context.close();
  });
});

describe('accessibility', () => {
  it.each([
    ['/sign-in', null],
    ['/', 'learner@example.com'],
    ['/account', 'learner@example.com'],
    ['/team', 'manager@example.com'],
    ['/admin/people', 'admin@example.com'],
    ['/admin/people', 'learner@example.com'],
    ['/no-such-page', 'learner@example.com'],
  ])('%s as %s has no axe violations', async (path, email) => {
    const context = email ? await signedInContext(browser, server, email) : await browser.newContext({ baseURL: server.origin });
    const page = await context.newPage();
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('keyboard users reach main content through the skip link', async () => {
    const context = await signedInContext(browser, server, 'learner@example.com');
    const page = await context.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });
});
