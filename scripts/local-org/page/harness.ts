/**
 * The frame every browser check of the page shares (browser.ts, record-checks.ts, unlinked-checks.ts,
 * tester-checks.ts): Chromium (installed with apt-get when /usr/bin/chromium is missing, a Japanese font best effort,
 * the flags of docs/toolchain.md, a fresh user-data dir, ja-JP, 1280×900), named steps that fail with the step's name
 * and on any error the page threw, console errors gathered (reported, not failures), dialogs accepted, screenshots
 * collected in a report, and a failure screenshot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './build.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** The browser the checks use: MIITEL_CHROMIUM when set (e.g. GitHub runners' /usr/bin/google-chrome), else Debian's. */
export const BROWSER = process.env.MIITEL_CHROMIUM || CHROMIUM;
/** Flags from docs/toolchain.md, "Browser checks" (headless comes from playwright's `headless` option). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];
/** How long a check waits for what it reads (also the page's default timeout). */
export const CHECK_TIMEOUT_MS = 30_000;

/** Installs Debian's chromium when /usr/bin/chromium is missing; throws with the reason when it cannot. */
export function ensureChromium(executablePath = BROWSER, log: (line: string) => void = console.log): string {
  if (existsSync(executablePath)) {
    return executablePath;
  }
  if (executablePath !== CHROMIUM) {
    throw new Error(`Chromium not found at ${executablePath}`);
  }
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  if (!root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      `${CHROMIUM} is missing and cannot be installed: not root and sudo needs a password. ` +
        'Install it yourself: sudo apt-get install -y chromium'
    );
  }
  const run = (args: string[]): boolean => {
    const [command = '', ...rest] = [...sudo, ...args];
    log(`$ ${[command, ...rest].join(' ')}`);
    const result = spawnSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    });
    return result.status === 0;
  };
  log(`${CHROMIUM} is missing: installing Debian chromium`);
  if (!run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'])) {
    // A fresh machine may not have the package lists yet.
    if (!run(['apt-get', 'update']) || !run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium'])) {
      throw new Error(`apt-get could not install chromium; install it yourself (apt-get install -y chromium)`);
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
  }
  return CHROMIUM;
}

/**
 * Screenshots of a Japanese page need a Japanese font; Debian's chromium does not pull one in. Best effort:
 * without it the checks still pass, the screenshot shows boxes.
 */
export function ensureJapaneseFont(log: (line: string) => void = console.log): void {
  const fonts = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && fonts.stdout.trim() !== '') {
    return;
  }
  const root = process.getuid?.() === 0;
  const command = root ? 'apt-get' : 'sudo';
  const args = [...(root ? [] : ['-n', 'apt-get']), 'install', '-y', '--no-install-recommends', 'fonts-ipafont-gothic'];
  log(`no Japanese font: $ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  });
  if (result.status !== 0) {
    log('warning: could not install fonts-ipafont-gothic; Japanese text will show as boxes in screenshots');
  }
}

export interface PageCheckReport {
  /** The names of the steps that passed, in order. */
  steps: string[];
  /** The screenshots written, absolute paths. */
  screenshots: string[];
  /** Messages the page logged with console.error (a failed request among them): reported, not failures. */
  consoleErrors: string[];
}

export interface PageCheckOptions {
  /** Names the checks in errors, e.g. "record page check". */
  label: string;
  /** The screenshot written when a step fails, e.g. `record-page-failure.png`. */
  failureShot: string;
  /** Where screenshots go; default test-results/. */
  screenshotDir?: string;
  /** Chromium binary; default MIITEL_CHROMIUM, else /usr/bin/chromium (installed when missing). */
  executablePath?: string;
  headed?: boolean;
  log?: (line: string) => void;
}

export interface CheckSession {
  /** Runs one named step on the page; it fails with the step's name, also when the page threw meanwhile. */
  step(name: string, body: (page: Page) => Promise<void>): Promise<void>;
  /** Writes a full-page screenshot into the screenshot directory and adds it to the report; returns its path. */
  shoot(name: string): Promise<string>;
}

/** Opens Chromium, runs `body` with named steps and screenshots, and always closes the browser. */
export async function runPageChecks(
  options: PageCheckOptions,
  body: (session: CheckSession) => Promise<void>
): Promise<PageCheckReport> {
  const log = options.log ?? console.log;
  const screenshotDir = resolve(options.screenshotDir ?? join(ROOT, 'test-results'));
  mkdirSync(screenshotDir, { recursive: true });
  const executablePath = ensureChromium(options.executablePath ?? BROWSER, log);
  ensureJapaneseFont(log);
  const userDataDir = mkdtempSync(join(tmpdir(), 'miitel-chromium-'));
  const report: PageCheckReport = { steps: [], screenshots: [], consoleErrors: [] };
  const pageErrors: string[] = [];
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const shoot = async (name: string): Promise<string> => {
    const file = join(screenshotDir, name);
    if (page) {
      await page.screenshot({ path: file, fullPage: true });
      report.screenshots.push(file);
    }
    return file;
  };
  const step = async (name: string, run: (page: Page) => Promise<void>): Promise<void> => {
    if (!page) {
      throw new Error('no page');
    }
    try {
      await run(page);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const errors = pageErrors.length > 0 ? `\n  page errors: ${pageErrors.join(' | ')}` : '';
      throw new Error(`${options.label} "${name}" failed: ${reason}${errors}`, { cause: error });
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
      headless: !options.headed,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP'
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(CHECK_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        report.consoleErrors.push(message.text());
      }
    });
    // Leaving with unsaved changes asks first (beforeunload); the checks always mean to leave.
    page.on('dialog', (dialog) => void dialog.accept());
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
