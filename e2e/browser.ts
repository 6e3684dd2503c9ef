/**
 * Shared helpers for browser journeys (e2e/**\/*.test.ts, run by vitest.e2e.config.ts).
 *
 * We drive a system chromium through playwright-core (no bundled browser download):
 * CHROMIUM_PATH, else /usr/bin/chromium, else /usr/bin/chromium-browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO } from '../test/app.ts';

const require = createRequire(import.meta.url);

/** The chromium executable to use, or undefined when none is installed. */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
}

let shared: Browser | undefined;

/**
 * Headless chromium, one for all journeys. The files run one after another in one process
 * (`isolate: false` in vitest.e2e.config.ts), and starting chromium anew for each file cost a
 * second or two of both cores every time. A file still calls `await browser.close()` in afterAll:
 * that closes every context the file opened (its pages, cookies and storage), so the next file
 * starts with none; chromium itself ends with the process. One that has gone away (a crash) is
 * started again for the next file.
 */
export async function launchBrowser(): Promise<Browser> {
  if (shared?.isConnected()) return shared;
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error(
      'No chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). ' +
        'Install chromium or set CHROMIUM_PATH; see docs/testing.md.',
    );
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  browser.close = async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  };
  shared = browser;
  return browser;
}

let axeSource: string | undefined;

/** A violation as reported back from the page (plain data, serialisable). */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary: string }[];
}

export interface AccessibilityOptions {
  /** axe rule ids to switch off for this check, e.g. ['color-contrast']; say why at the call site. */
  disableRules?: string[];
}

const blocking = new Set(['serious', 'critical']);

/**
 * Run axe-core on the page as it is now and throw a readable error listing every violation with
 * impact 'serious' or 'critical'. Resolves with all violations (including moderate/minor) so a
 * journey can look at them if it wants. axe is injected with page.evaluate, which is not subject
 * to the page's Content-Security-Policy, so it works against the real app headers.
 */
export async function expectAccessible(page: Page, label: string, options: AccessibilityOptions = {}): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const rules = Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }]));
  const violations = await page.evaluate(async (rules): Promise<AxeViolation[]> => {
    // `axe` is the global the injected script defined.
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { rules, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))),
        html: n.html,
        failureSummary: n.failureSummary ?? '',
      })),
    }));
  }, rules);

  const serious = violations.filter((v) => v.impact !== null && blocking.has(v.impact));
  if (serious.length > 0) {
    const lines = [`Accessibility check "${label}" failed on ${page.url()}: ${serious.length} serious/critical violation(s)`];
    for (const v of serious) {
      lines.push('', `[${v.impact}] ${v.id}: ${v.help}`, `  ${v.helpUrl}`);
      for (const n of v.nodes) {
        lines.push(`  - ${n.target.join(' ')}`, `    ${n.html.slice(0, 200)}`);
        for (const s of n.failureSummary.split('\n').filter(Boolean)) lines.push(`      ${s.trim()}`);
      }
    }
    throw new Error(lines.join('\n'));
  }
  return violations;
}

/**
 * A journey's axe check, one label per checked page state: a label used twice fails, so two steps
 * never claim the same check and a failure names the step.
 */
export function accessibleOnce(): (page: Page, label: string) => Promise<void> {
  const checked = new Set<string>();
  return async (page, label) => {
    expect(checked.has(label), `duplicate accessibility label ${label}`).toBe(false);
    checked.add(label);
    await expectAccessible(page, label);
  };
}

/** Starts the test app on a free local port for the browser; resolves with its base URL. */
export async function listenForBrowser(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * A fresh browser context (own cookies) logged in as `email` with the demo password, on the front
 * page. Enter in the password field submits, as a user would. A local app answers fast, so a
 * missing element fails a step after 15 s, not 30.
 */
export async function logInAs(browser: Browser, base: string, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'da-DK', ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill(DEMO.password);
  await page.getByLabel('Adgangskode', { exact: true }).press('Enter');
  await page.waitForURL(`${base}/`);
  return page;
}

/** A phone's screen, as the journeys check it. */
export const PHONE = { width: 390, height: 844 };

/**
 * The page as a phone shows it: nothing wider than the screen, neither the page nor a table inside its
 * scroll container (a table that only scrolls by itself is still read sideways), and accessible.
 */
export async function expectFitsPhone(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    tables: [...document.querySelectorAll('.table--responsive-scroll')].map((el) => el.scrollWidth - el.clientWidth),
  }));
  expect(widths.page, `${label}: the page scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
  expect(widths.tables.filter((overflow) => overflow > 0), `${label}: a table scrolls sideways`).toEqual([]);
  await expectAccessible(page, `${label} at 390 px`);
}
