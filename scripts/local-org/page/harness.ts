/**
 * The shared frame of the page's end-to-end checks (record-checks.ts, unlinked-checks.ts, tester-checks.ts): Chromium
 * as in browser.ts (`ensureChromium`, the same flags, a fresh user-data dir, ja-JP, 1280×900), named steps that fail
 * with the step's name and on any error the page threw, screenshots collected in a report, and a failure screenshot.
 * browser.ts keeps its own frame for now (it also gathers console errors and accepts dialogs, and this module imports
 * its Chromium setup: folding it in means moving that setup here first).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER, CHROMIUM_FLAGS, ensureChromium, ensureJapaneseFont } from './browser.ts';
import { ROOT } from './build.ts';

export const CHECK_TIMEOUT_MS = 30_000;

export interface PageCheckReport {
  /** The names of the steps that passed, in order. */
  steps: string[];
  /** The screenshots written, absolute paths. */
  screenshots: string[];
}

export interface PageCheckOptions {
  /** Names the checks in errors, e.g. "record page check". */
  label: string;
  /** The screenshot written when a step fails, e.g. `record-page-failure.png`. */
  failureShot: string;
  /** Where screenshots go; default test-results/. */
  screenshotDir?: string;
  log?: (line: string) => void;
}

export interface CheckSession {
  /** Runs one named step on the page; it fails with the step's name, also when the page threw meanwhile. */
  step(name: string, body: (page: Page) => Promise<void>): Promise<void>;
  /** Writes a full-page screenshot into the screenshot directory and adds it to the report. */
  shoot(name: string): Promise<void>;
}

/** Opens Chromium, runs `body` with named steps and screenshots, and always closes the browser. */
export async function runPageChecks(
  options: PageCheckOptions,
  body: (session: CheckSession) => Promise<void>
): Promise<PageCheckReport> {
  const log = options.log ?? console.log;
  const screenshotDir = resolve(options.screenshotDir ?? join(ROOT, 'test-results'));
  mkdirSync(screenshotDir, { recursive: true });
  const executablePath = ensureChromium(BROWSER, log);
  ensureJapaneseFont(log);
  const userDataDir = mkdtempSync(join(tmpdir(), 'miitel-chromium-'));
  const report: PageCheckReport = { steps: [], screenshots: [] };
  const pageErrors: string[] = [];
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const shoot = async (name: string): Promise<void> => {
    if (page) {
      const file = join(screenshotDir, name);
      await page.screenshot({ path: file, fullPage: true });
      report.screenshots.push(file);
    }
  };
  const step = async (name: string, run: (page: Page) => Promise<void>): Promise<void> => {
    if (!page) {
      throw new Error('no page');
    }
    try {
      await run(page);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(`${options.label} "${name}" failed: ${reason}`, { cause: error });
    }
    if (pageErrors.length > 0) {
      throw new Error(`${options.label} "${name}": the page threw: ${pageErrors.join(' | ')}`);
    }
    report.steps.push(name);
    log(`ok   ${name}`);
  };

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP'
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(CHECK_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await body({ step, shoot });
    return report;
  } catch (error) {
    await shoot(options.failureShot).catch(() => undefined);
    throw error;
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
