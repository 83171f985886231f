/**
 * Browser checks of the local org's record page (issue 23): `#record/<id>` holds the real c-miitel-call-history.
 * Against a running local org that logged a call for a Contact (e2e.ts sends one through the simulator):
 *
 * 1. ja: the Tasks view links the call's person to their record page; it lists the call (発信) and, once expanded,
 *    shows the transcript the bridge logged (`record-page.png`);
 * 2. the Contact's Account page lists the same call (an Account shows its Contacts' calls);
 * 3. en: the same record page in English (Outbound, "Show transcript and minutes"), expanded
 *    (`record-page-en.png`).
 *
 * Chromium, named steps and the failure screenshot come from harness.ts.
 */
import type { Page } from 'playwright-core';
import { CHECK_TIMEOUT_MS, runPageChecks, type PageCheckReport } from './harness.ts';

const TIMEOUT_MS = CHECK_TIMEOUT_MS;

export interface RecordPageCheckOptions {
  /** The Subject of the Task of the call to find (the Tasks view row to start from). */
  subject: string;
  /** Text of the call's transcript, which the expanded call must show. */
  transcript: string;
  /** Where screenshots go; default test-results/. */
  screenshotDir?: string;
  log?: (line: string) => void;
}

export type RecordPageCheckReport = PageCheckReport;

const LANGUAGES = {
  ja: { title: 'MiiTel 通話履歴', direction: '発信', expand: '文字起こしと議事録を表示', answered: '応答' },
  en: { title: 'MiiTel calls', direction: 'Outbound', expand: 'Show transcript and minutes', answered: 'Answered' }
} as const;

const HISTORY = 'c-miitel-call-history';

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(message);
  }
}

/** Waits for the call history to list the call with `direction`, expands it and waits for the transcript. */
async function expandCall(page: Page, words: (typeof LANGUAGES)[keyof typeof LANGUAGES], transcript: string) {
  const card = page.locator(`${HISTORY} lightning-card`);
  await card.getByText(words.title, { exact: true }).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const call = page.locator(`${HISTORY} li.call`).first();
  await call.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  check(
    (await call.locator('.direction').innerText()).trim() === words.direction,
    `the call is not "${words.direction}"`
  );
  check((await call.locator('.outcome').innerText()).trim() === words.answered, `the call is not "${words.answered}"`);
  const toggle = call.locator('button.toggle');
  check((await toggle.innerText()).trim() === words.expand, `the expand button does not read "${words.expand}"`);
  check((await toggle.getAttribute('aria-expanded')) === 'false', 'the call starts collapsed');
  await toggle.click();
  const comment = call.locator('.details .comment');
  await comment.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  check((await toggle.getAttribute('aria-expanded')) === 'true', 'aria-expanded is not true once expanded');
  check((await comment.innerText()).includes(transcript), `the expanded call does not show the transcript`);
}

export async function runRecordPageChecks(
  baseUrl: string,
  options: RecordPageCheckOptions
): Promise<RecordPageCheckReport> {
  const base = baseUrl.replace(/\/+$/, '');
  let recordUrl = '';
  return runPageChecks(
    {
      label: 'record page check',
      failureShot: 'record-page-failure.png',
      screenshotDir: options.screenshotDir,
      log: options.log
    },
    async ({ step, shoot }) => {
      await step(
        'ja: the Tasks view links the call to its record page, which shows the call and its transcript',
        async (p) => {
          await p.goto(`${base}/?lang=ja#tasks`, { waitUntil: 'load' });
          const row = p.locator('local-shell tr.task-row').filter({ hasText: options.subject }).first();
          await row.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
          await row.locator('a.task-who-link').click();
          await p.waitForURL(/#record\/\w+$/, { timeout: TIMEOUT_MS });
          recordUrl = p.url();
          await expandCall(p, LANGUAGES.ja, options.transcript);
          await shoot('record-page.png');
        }
      );

      await step("ja: the Contact's Account page lists the Contact's call", async (p) => {
        await p.locator('local-record-page a.record-account').click();
        await p.waitForURL((url) => url.toString() !== recordUrl, { timeout: TIMEOUT_MS });
        await expandCall(p, LANGUAGES.ja, options.transcript);
        await shoot('record-page-account.png');
      });

      await step('en: the record page in English shows the call and its transcript', async (p) => {
        await p.goto(recordUrl.replace(/lang=ja/, 'lang=en_US'), { waitUntil: 'load' });
        await expandCall(p, LANGUAGES.en, options.transcript);
        await shoot('record-page-en.png');
      });
    }
  );
}
