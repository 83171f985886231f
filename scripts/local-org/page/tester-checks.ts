/**
 * Browser checks of the settings page's "Matching tester" tab (issue 24 point 4) against a running local org whose
 * bridge logged a call to the demo company's main line (e2e.ts simulates it and reads the Task back):
 *
 * 1. ja: the 照合テスター tab, the main line in another format than the seed's, 佐藤 花子 as the rep: the page shows the
 *    same Contact the bridge picked for her call (the record id testNumber answered is the Task's WhoId), that record
 *    is the candidate marked chosen, and the why-line is the Task's (`matching-tester.png`);
 * 2. en: the same in English (`matching-tester-en.png`).
 *
 * Chromium, named steps and the failure screenshot come from harness.ts.
 */
import { join, resolve } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { ROOT } from './build.ts';
import { CHECK_TIMEOUT_MS as TIMEOUT_MS, runPageChecks } from './harness.ts';
const TESTER = 'c-miitel-matching-tester';

export interface TesterCheckOptions {
  /** The number to type, in any format. */
  phone: string;
  /** The rep's User id and name (the rep choice lists the name). */
  rep: { id: string; name: string };
  /** What the bridge logged for the rep's call to that number: the Task's WhoId, its name and MiiTel_Match_Reason__c. */
  expected: { recordId: string; name: string; reason: string };
  /** Where screenshots go; default test-results/. */
  screenshotDir?: string;
  log?: (line: string) => void;
}

export interface TesterCheckReport {
  steps: string[];
  screenshots: string[];
}

// The words the checks look for: custom labels (en) and their ja translations (force-app/main/shared/).
const WORDS = {
  ja: { tab: '照合テスター', run: 'テスト', yes: '選択' },
  en: { tab: 'Matching tester', run: 'Test', yes: 'Chosen' }
} as const;

interface TesterAnswer {
  chosen: { recordId: string; name: string } | null;
  matchReason: string | null;
}

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(message);
  }
}

function isTestNumber(response: Response): boolean {
  const request = response.request();
  if (request.method() !== 'POST' || !request.url().endsWith('/local/aura/apex')) {
    return false;
  }
  return (request.postDataJSON() as { method?: string } | null)?.method === 'testNumber';
}

/**
 * Opens the tester tab in a language, chooses the rep, tests the number; checks what testNumber was sent and
 * answered and what the page shows.
 */
async function testAsRep(page: Page, base: string, lang: 'ja' | 'en', options: TesterCheckOptions): Promise<void> {
  await page.goto(`${base}/?lang=${lang === 'ja' ? 'ja' : 'en_US'}#settings`, { waitUntil: 'load' });
  await page.getByRole('tab', { name: WORDS[lang].tab, exact: true }).click();
  const tester = page.locator(TESTER);
  await tester.locator('lightning-combobox.rep [role="combobox"]').click();
  const option = tester.locator(`lightning-combobox.rep [role="option"][data-value="${options.rep.id}"]`);
  await option.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  check(
    (await option.innerText()).trim() === options.rep.name,
    `the rep choice lists ${options.rep.id} as "${(await option.innerText()).trim()}", not ${options.rep.name}`
  );
  await option.click();
  await tester.locator('lightning-input.phone input').fill(options.phone);
  const answered = page.waitForResponse(isTestNumber, { timeout: TIMEOUT_MS });
  await tester.getByRole('button', { name: WORDS[lang].run, exact: true }).click();
  const response = await answered;
  check(response.status() === 200, `testNumber answered ${response.status()}: ${await response.text()}`);
  const sent = response.request().postDataJSON() as { params?: { phone?: string; repUserId?: string } };
  check(sent.params?.phone === options.phone, `testNumber was sent phone ${String(sent.params?.phone)}`);
  check(sent.params?.repUserId === options.rep.id, `testNumber was sent rep ${String(sent.params?.repUserId)}`);
  const answer = ((await response.json()) as { returnValue?: TesterAnswer }).returnValue;
  check(
    answer?.chosen?.recordId === options.expected.recordId,
    `the tester chose ${JSON.stringify(answer?.chosen)}, the bridge ${options.expected.recordId} (${options.expected.name})`
  );
  const chosen = tester.locator('p.chosen');
  await chosen.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  check(
    (await chosen.innerText()).includes(options.expected.name),
    `the page shows "${(await chosen.innerText()).trim()}", not ${options.expected.name}`
  );
  const row = tester.locator('tr.candidate.chosen');
  check((await row.count()) === 1, `${String(await row.count())} candidates marked chosen`);
  const rowText = await row.innerText();
  check(
    rowText.includes(options.expected.name) && rowText.includes(WORDS[lang].yes),
    `the chosen candidate row reads "${rowText.replace(/\s+/g, ' ').trim()}"`
  );
  const reason = (await tester.locator('p.reason').innerText()).trim();
  check(reason !== '' && answer?.matchReason !== null, 'no why-line');
  if (lang === 'ja') {
    check(
      reason.includes(options.expected.reason),
      `the why-line "${reason}" is not the Task's "${options.expected.reason}"`
    );
  }
}

export async function runMatchingTesterChecks(
  baseUrl: string,
  options: TesterCheckOptions
): Promise<TesterCheckReport> {
  const base = baseUrl.replace(/\/+$/, '');
  const screenshotDir = resolve(options.screenshotDir ?? join(ROOT, 'test-results'));
  const shots: string[] = [];
  // The settings tabs with the tester, not the setup health above them: the README shows it (the harness's shots are
  // full pages).
  const shootTabs = async (page: Page, name: string): Promise<void> => {
    const file = join(screenshotDir, name);
    await page.locator('c-miitel-settings lightning-tabset').first().screenshot({ path: file });
    shots.push(file);
  };
  const report = await runPageChecks(
    {
      label: 'matching tester check',
      failureShot: 'matching-tester-failure.png',
      screenshotDir: options.screenshotDir,
      log: options.log
    },
    async ({ step }) => {
      await step(
        `ja: the tester, as ${options.rep.name}, picks the Contact the bridge picked, with the why-line`,
        async (p) => {
          // Leaving the settings page asks first when it has unsaved changes (beforeunload); the checks mean to leave.
          p.on('dialog', (dialog) => void dialog.accept());
          await testAsRep(p, base, 'ja', options);
          await shootTabs(p, 'matching-tester.png');
        }
      );
      await step('en: the same choice in English', async (p) => {
        await testAsRep(p, base, 'en', options);
        await shootTabs(p, 'matching-tester-en.png');
      });
    }
  );
  return { steps: report.steps, screenshots: [...report.screenshots, ...shots] };
}
