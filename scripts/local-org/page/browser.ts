/**
 * Browser test of the local settings page, in Debian Chromium driven by playwright-core.
 *   tsx scripts/local-org/page/browser.ts [--url <base url>] [--screenshots <dir>] [--headed]
 * Without --url it builds the page if dist/ is missing and serves it from an in-process fake backend
 * (fake-backend.ts), so the test does not depend on the local org server. With --url it runs the same steps
 * against a running server (e.g. `npm start` on http://127.0.0.1:8787). Chromium (installed when missing), named steps,
 * console errors, dialogs and the failure screenshot come from harness.ts. Exit code 1, with the failed step named, on
 * any failure.
 *
 * runBrowserChecks(baseUrl, options) is exported for other tests (e.g. an end-to-end run against the real server).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page, Request } from 'playwright-core';
import { buildPage, staleReason } from './build.ts';
import { CANNED_TASKS, startFakeBackend } from './fake-backend.ts';
import {
  CHECK_TIMEOUT_MS as TIMEOUT_MS,
  runPageChecks,
  type PageCheckOptions,
  type PageCheckReport
} from './harness.ts';

/**
 * Text the checks look for: custom labels of the project (ja translation and en_US value), and a Task field picker
 * option (the field's label from the Activity-ja field translation / the field XML, then its API name).
 */
const JA = {
  timing: '活動履歴登録',
  timingStarted: '通話開始後',
  timingEnded: '通話終了後',
  saved: '設定を保存しました。',
  dialStartedOption: 'MiiTel ダイヤル開始時刻 (MiiTel_Dial_Started_At__c)'
};
const EN = {
  timing: 'Log the activity',
  timingEnded: 'After the call ends',
  title: 'MiiTel Activity Bridge settings',
  tasksTab: 'Tasks',
  dialStartedOption: 'MiiTel Dial Started At (MiiTel_Dial_Started_At__c)'
};

/** Where screenshots go, which Chromium, headed, log: as for every page check (harness.ts). */
export type BrowserFrameOptions = Omit<PageCheckOptions, 'label' | 'failureShot'>;

export interface BrowserCheckOptions extends BrowserFrameOptions {
  /** The Task Status value chosen before saving; default 'In Progress'. */
  statusValue?: string;
  /** Subjects the Tasks view must list; default: none (the view only has to load, an empty list passes). */
  expectTaskSubjects?: string[];
}

export interface BrowserCheckReport extends PageCheckReport {
  /** The `settings` parameter the page sent with saveSettings. */
  savedSettings: Record<string, unknown>;
}

/** The frame's options alone (the checks' own stay out of the harness). */
function frame({ screenshotDir, executablePath, headed, log }: BrowserFrameOptions): BrowserFrameOptions {
  return { screenshotDir, executablePath, headed, log };
}

class StepFailure extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new StepFailure(message);
  }
}

function isSaveRequest(request: Request): boolean {
  if (request.method() !== 'POST' || !request.url().endsWith('/local/aura/apex')) {
    return false;
  }
  const body = request.postDataJSON() as { method?: string } | null;
  return body?.method === 'saveSettings';
}

/** Polls `probe` until it returns true (synthetic shadow hides component internals from document.querySelector,
 * so checks go through playwright locators, which see them). */
async function waitUntil(what: string, probe: () => Promise<boolean>, timeout = TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await probe()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new StepFailure(`timed out after ${timeout} ms waiting until ${what}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

const SAVE_BUTTON = 'c-miitel-settings lightning-button.save button';
const FIELD_PICKERS = 'c-miitel-settings lightning-combobox.task-field [role="combobox"]';

async function waitForSettings(page: Page, timingLabel: string): Promise<void> {
  await page.getByText(timingLabel, { exact: true }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  // Loaded: the Save button is enabled once getSettings answered.
  const save = page.locator(SAVE_BUTTON);
  await waitUntil('the Save button is enabled', async () => (await save.count()) === 1 && (await save.isEnabled()));
}

async function fieldPickersDisabled(page: Page): Promise<boolean[]> {
  const pickers = page.locator(FIELD_PICKERS);
  const states: boolean[] = [];
  for (let index = 0; index < (await pickers.count()); index++) {
    states.push(await pickers.nth(index).isDisabled());
  }
  return states;
}

/**
 * Opens the first (enabled) Task field picker, waits for the option `label`, runs `whileOpen` (a screenshot) and
 * closes the picker again.
 */
async function checkPickerOffers(
  page: Page,
  label: string,
  whileOpen: () => Promise<unknown> = async () => undefined
): Promise<void> {
  const picker = page.locator('c-miitel-settings lightning-combobox.task-field').first();
  await picker.locator('[role="combobox"]').click();
  const options = picker.locator('[role="option"]');
  const wanted = options.filter({ hasText: label });
  await wanted
    .first()
    .waitFor({ state: 'visible', timeout: TIMEOUT_MS })
    .catch(() => undefined);
  if ((await wanted.count()) === 0) {
    const offered = (await options.allInnerTexts()).map((text) => text.trim());
    throw new StepFailure(`the Task field picker does not offer "${label}" (offered: ${offered.join(' / ')})`);
  }
  await whileOpen();
  await page.keyboard.press('Escape');
}

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/**
 * The page's test steps against a server at `baseUrl` that serves the page and its endpoints (README.md).
 * Resolves with what was checked; rejects with the failed step named.
 */
export async function runBrowserChecks(
  baseUrl: string,
  options: BrowserCheckOptions = {}
): Promise<BrowserCheckReport> {
  const base = baseUrl.replace(/\/+$/, '');
  const statusValue = options.statusValue ?? 'In Progress';
  let savedSettings: Record<string, unknown> = {};
  const report = await runPageChecks(
    { ...frame(options), label: 'browser check', failureShot: 'settings-page-failure.png' },
    async ({ step, shoot }) => {
      await step('the settings page renders with Japanese labels', async (p) => {
        await p.goto(`${base}/?lang=ja#settings`, { waitUntil: 'load' });
        await waitForSettings(p, JA.timing);
        const text = await visibleText(p);
        // An unknown label reads as its name (stubs/labels.js): no label name may be visible.
        const labels = (await (await fetch(`${base}/local/labels?lang=ja`)).json()) as Record<string, string>;
        const shownNames = Object.keys(labels).filter((name) => new RegExp(`\\b${name}\\b`).test(text));
        check(Object.keys(labels).length > 0, 'GET /local/labels?lang=ja returned no labels');
        check(shownNames.length === 0, `labels shown by name (missing text): ${shownNames.join(', ')}`);
        check(text.includes('MiiTel Activity Bridge — local org'), 'the shell header is missing');
        check(text.includes('日本語') && text.includes('English'), 'the language switch is missing');
        const pickers = await fieldPickersDisabled(p);
        check(pickers.length === 4, `expected 4 Task field pickers, found ${pickers.length}`);
        // The package's Activity fields in the page's language (object-info?lang=ja → the Activity-ja translations).
        await p
          .locator('c-miitel-settings lightning-radio-group.timing')
          .getByText(JA.timingEnded, { exact: true })
          .click();
        await checkPickerOffers(p, JA.dialStartedOption, () => shoot('task-field-picker.png'));
      });

      await step(`switching the timing to ${JA.timingStarted} disables the field pickers`, async (p) => {
        const timing = p.locator('c-miitel-settings lightning-radio-group.timing');
        // From 通話終了後 (the seed's timing; a server that kept an earlier save may start at 通話開始後).
        await timing.getByText(JA.timingEnded, { exact: true }).click();
        await waitUntil('the field pickers are enabled', async () => {
          const disabled = await fieldPickersDisabled(p);
          return disabled.length > 0 && disabled.every((state) => !state);
        });
        await timing.getByText(JA.timingStarted, { exact: true }).click();
        await waitUntil('the field pickers are disabled', async () => {
          const disabled = await fieldPickersDisabled(p);
          return disabled.length > 0 && disabled.every(Boolean);
        });
        const disabled = await fieldPickersDisabled(p);
        check(
          disabled.length === 4 && disabled.every(Boolean),
          `field pickers disabled: ${JSON.stringify(disabled)} (expected all true)`
        );
      });

      await step(`changing the status to ${statusValue} and saving sends saveSettings and shows a toast`, async (p) => {
        await p.locator('c-miitel-settings lightning-combobox.status [role="combobox"]').click();
        const option = p.locator(
          `c-miitel-settings lightning-combobox.status [role="option"][data-value=${JSON.stringify(statusValue)}]`
        );
        // The options come from the Status picklist values (a request chained after object-info).
        await option.waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(() => undefined);
        if ((await option.count()) === 0) {
          const offered = await p
            .locator('c-miitel-settings lightning-combobox.status [role="option"]')
            .evaluateAll((options) => options.map((element) => element.getAttribute('data-value')));
          throw new StepFailure(`no status option "${statusValue}" (offered: ${JSON.stringify(offered)})`);
        }
        await option.click();
        const saveRequest = p.waitForRequest(isSaveRequest, { timeout: TIMEOUT_MS });
        await p.locator(SAVE_BUTTON).click();
        const request = await saveRequest;
        const response = await request.response();
        check(response?.status() === 200, `saveSettings answered ${response?.status()}: ${await response?.text()}`);
        const body = request.postDataJSON() as { classname?: string; params?: { settings?: Record<string, unknown> } };
        check(body.classname === 'MiiTelSettingsController', `saveSettings sent to ${body.classname}`);
        const settings = body.params?.settings ?? {};
        savedSettings = settings;
        check(settings.timing === 'CallStarted', `saveSettings sent timing=${String(settings.timing)}`);
        check(settings.taskStatus === statusValue, `saveSettings sent taskStatus=${String(settings.taskStatus)}`);
        const toast = p.locator('local-shell [role="status"]').filter({ hasText: JA.saved });
        await toast.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await shoot('settings-page.png');
      });

      await step('the Tasks view lists the Tasks', async (p) => {
        await p.locator('local-shell a.tab-tasks').click();
        const rows = p.locator('local-shell tr.task-row');
        const listed = p.locator('local-shell tr.task-row, local-shell .tasks-empty').first();
        await listed.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        const expected = options.expectTaskSubjects ?? [];
        check(expected.length === 0 || (await rows.count()) > 0, 'the Tasks view says there are no Tasks');
        const subjects = await p.locator('local-shell tr.task-row .task-subject').allInnerTexts();
        for (const subject of expected) {
          check(
            subjects.some((shown) => shown.trim() === subject),
            `Task "${subject}" is not listed (listed: ${subjects.join(' / ')})`
          );
        }
        await shoot('tasks-page.png');
      });

      await step('the English switch reloads with English labels and the saved settings', async (p) => {
        await Promise.all([
          p.waitForURL(/[?&]lang=en_US/, { timeout: TIMEOUT_MS }),
          p.locator('local-shell button.lang-en').click()
        ]);
        await p.locator('local-shell a.tab-settings').click();
        await waitForSettings(p, EN.timing);
        const text = await visibleText(p);
        check(text.includes(EN.title), `the English title "${EN.title}" is missing`);
        check(!text.includes(JA.timing), `Japanese label ${JA.timing} still shown after switching to English`);
        check(
          (await p.locator('local-shell a.tab-tasks').innerText()).trim() === EN.tasksTab,
          'the Tasks tab is not in English'
        );
        // The reload read the settings back: the saved status is still selected. The combobox shows it once the
        // Status picklist values arrived too, which on a busy server can be after getSettings answered.
        const combobox = p.locator('c-miitel-settings lightning-combobox.status [role="combobox"]');
        let status: string | null = null;
        await waitUntil(`the status combobox shows the saved ${statusValue}`, async () => {
          status = await combobox.getAttribute('data-value');
          return status === statusValue;
        }).catch(() => undefined);
        check(status === statusValue, `after reloading, the status is ${String(status)}, not the saved ${statusValue}`);
        await shoot('settings-page-en.png');
        // The Task field pickers in English (object-info?lang=en_US → the field XML labels); unsaved, after the shot.
        await p
          .locator('c-miitel-settings lightning-radio-group.timing')
          .getByText(EN.timingEnded, { exact: true })
          .click();
        await checkPickerOffers(p, EN.dialStartedOption);
      });
    }
  );
  return { ...report, savedSettings };
}

/** What the setup health's "webhook trigger's running user" line must show (issue 23). */
export interface HealthLineExpectation {
  /** ok (green) or error (red). */
  status: 'ok' | 'error';
  /** Text the line must contain in the page language (the label's ja translation). */
  text: string;
  /** Screenshot file name under screenshotDir. */
  screenshot: string;
}

/**
 * Opens the settings page and waits until the setup health's webhookUser line has the expected status and text;
 * saves a screenshot of the page. Rejects naming what the line showed instead.
 */
export async function checkWebhookUserHealth(
  baseUrl: string,
  expected: HealthLineExpectation,
  options: BrowserFrameOptions & {
    lang?: 'ja' | 'en_US';
  } = {}
): Promise<string> {
  const base = baseUrl.replace(/\/+$/, '');
  let file = '';
  // A failure leaves the line's screenshot under its own name: that is what the failure shows.
  await runPageChecks(
    { ...frame(options), label: 'setup health', failureShot: expected.screenshot },
    async ({ step, shoot }) => {
      const lang = options.lang ?? 'ja';
      await step(`setup health (${lang}): webhook trigger user ${expected.status}`, async (page) => {
        await page.goto(`${base}/?lang=${lang}#settings`, { waitUntil: 'load' });
        const line = page.locator('c-miitel-setup-health li.check-webhookUser');
        let shown = '';
        let status: string | null = null;
        await waitUntil(`the webhook trigger user's health line is ${expected.status}`, async () => {
          if ((await line.count()) !== 1) {
            return false;
          }
          status = await line.getAttribute('data-status');
          shown = (await line.innerText()).replace(/\s+/g, ' ').trim();
          return status === expected.status && shown.includes(expected.text);
        }).catch(() => undefined);
        file = await shoot(expected.screenshot);
        check(
          status === expected.status && shown.includes(expected.text),
          `the line is ${String(status)} ("${shown}"), expected ${expected.status} with "${expected.text}" ` +
            `(screenshot ${file})`
        );
      });
    }
  );
  return file;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      screenshots: { type: 'string' },
      headed: { type: 'boolean' }
    }
  });
  const started = Date.now();
  let baseUrl = values.url;
  let close: (() => Promise<void>) | undefined;
  let expectTaskSubjects: string[] | undefined;
  if (!baseUrl) {
    const stale = staleReason();
    if (stale) {
      console.log(`${stale}: building the page`);
      const built = await buildPage();
      console.log(`built in ${(built.milliseconds / 1000).toFixed(1)} s`);
    }
    const fake = await startFakeBackend();
    console.log(`fake backend on ${fake.url}`);
    baseUrl = fake.url;
    close = fake.close;
    expectTaskSubjects = CANNED_TASKS.map((task) => String((task as { Subject: string }).Subject));
  }
  try {
    const report = await runBrowserChecks(baseUrl, {
      screenshotDir: values.screenshots,
      headed: values.headed,
      expectTaskSubjects
    });
    for (const file of report.screenshots) {
      console.log(`screenshot ${file}`);
    }
    if (report.consoleErrors.length > 0) {
      console.log(`console errors (not failures): ${report.consoleErrors.join(' | ')}`);
    }
    console.log(`${report.steps.length} browser checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await close?.();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
