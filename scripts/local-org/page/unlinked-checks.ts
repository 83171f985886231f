/**
 * Browser checks of the settings page's "Unlinked calls" tab (issue 24 point 5), against a running local org that
 * logged calls from a number no record holds (e2e.ts sends them with the simulator's `unknown-caller` scenario):
 *
 * 1. en: the tab lists the calls from the number, with the count of the other calls from it
 *    (`unlinked-calls-en.png`; nothing is changed);
 * 2. ja: the tab lists them; "紐付け" on the newest opens the link panel; a search for the Contact's name offers it;
 *    "この番号をレコードに保存する" picks its first empty phone field and the same-number box is ticked
 *    (`unlinked-calls.png`); "紐付ける" links them, a success toast shows and the calls leave the list.
 *
 * Whether the Tasks really hold the record is asserted by the caller through the org's REST API (e2e.ts): the page
 * only shows what Apex answered. Chromium, named steps and the failure screenshot come from harness.ts.
 */
import type { Page } from 'playwright-core';
import { CHECK_TIMEOUT_MS, runPageChecks, type PageCheckReport } from './harness.ts';

const TIMEOUT_MS = CHECK_TIMEOUT_MS;
const PANEL = 'c-miitel-unlinked-calls';

export interface UnlinkedCheckOptions {
  /** The customer's number of the unlinked calls, as MiiTel reported it. */
  number: string;
  /** How many unlinked calls from it the org holds (at least 2: one to link, the others linked with it). */
  calls: number;
  /** Part of the name of the Contact to link them to (the search text). */
  contactSearch: string;
  /** The Contact's name as the search lists it. */
  contactName: string;
  /** Where screenshots go; default test-results/. */
  screenshotDir?: string;
  log?: (line: string) => void;
}

export type UnlinkedCheckReport = PageCheckReport;

// The words the checks look for: custom labels (en) and their ja translations (force-app/main/shared/).
const WORDS = {
  ja: { tab: '未紐付けの通話', link: '紐付け', confirm: '紐付ける', save: 'この番号をレコードに保存する' },
  en: { tab: 'Unlinked calls', link: 'Link', confirm: 'Link', save: 'Save this number on the record' }
} as const;

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(message);
  }
}

/** Opens the settings page in a language, then the "Unlinked calls" tab, and waits for the number's rows. */
async function openTab(page: Page, base: string, lang: 'ja' | 'en', options: UnlinkedCheckOptions) {
  await page.goto(`${base}/?lang=${lang === 'ja' ? 'ja' : 'en_US'}#settings`, { waitUntil: 'load' });
  await page.getByRole('tab', { name: WORDS[lang].tab, exact: true }).click();
  const rows = page.locator(`${PANEL} tr.call`).filter({ hasText: options.number });
  await rows.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  check(
    (await rows.count()) === options.calls,
    `${String(await rows.count())} rows from ${options.number}, not ${String(options.calls)}`
  );
  const others = (await rows.first().locator('td.same-number').innerText()).trim();
  check(others === String(options.calls - 1), `the newest call counts ${others} other calls from its number`);
  return rows;
}

export async function runUnlinkedChecks(baseUrl: string, options: UnlinkedCheckOptions): Promise<UnlinkedCheckReport> {
  const base = baseUrl.replace(/\/+$/, '');
  return runPageChecks(
    {
      label: 'unlinked-calls check',
      failureShot: 'unlinked-calls-failure.png',
      screenshotDir: options.screenshotDir,
      log: options.log
    },
    async ({ step, shoot }) => {
      await step('en: the Unlinked calls tab lists the calls from the unknown number', async (p) => {
        await openTab(p, base, 'en', options);
        check(
          (await p.locator(`${PANEL} lightning-button.link button`).first().innerText()).trim() === WORDS.en.link,
          `the row action does not read "${WORDS.en.link}"`
        );
        await shoot('unlinked-calls-en.png');
      });

      await step('ja: link the newest call to a Contact, save the number, link the other calls from it', async (p) => {
        const rows = await openTab(p, base, 'ja', options);
        await rows.first().locator('lightning-button.link button').click();
        const panel = p.locator(`${PANEL} section.link-panel`);
        await panel.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await panel.locator('lightning-input.search input').fill(options.contactSearch);
        const record = panel.locator('lightning-radio-group.records label').filter({ hasText: options.contactName });
        await record.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        await record.first().click();
        await panel.getByText(WORDS.ja.save, { exact: true }).click();
        await panel.locator('lightning-combobox.phone-field').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
        check(
          await panel.locator('lightning-input.same-number-check input').isChecked(),
          'the same-number box is not ticked by default'
        );
        await shoot('unlinked-calls.png');
        await panel.getByRole('button', { name: WORDS.ja.confirm, exact: true }).click();
        await p.locator('local-shell .slds-notify_toast.slds-theme_success').first().waitFor({ state: 'visible' });
        await p
          .locator(`${PANEL} tr.call`)
          .filter({ hasText: options.number })
          .first()
          .waitFor({ state: 'detached', timeout: TIMEOUT_MS });
        await shoot('unlinked-calls-linked.png');
      });
    }
  );
}
