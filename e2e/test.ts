// Playwright's `test` for every spec, with two additions. An uncaught exception in the page fails
// the test that caused it: before, specs logged page errors and passed, so a grid that threw on
// every frame for a module without memory went unnoticed through a green run. And each test finds
// the shared server's session without edits an earlier test left unsaved (pristine-session.ts).

import { test as base } from '@playwright/test';
import { discardEditsLeft } from './pristine-session.ts';

export * from '@playwright/test';

export const test = base.extend<{ pageErrors: string[]; pristine: void }>({
  pristine: [async ({}, use) => {
    await discardEditsLeft();
    await use();
  }, { auto: true }],
  pageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await use(errors);
    if (errors.length > 0) throw new Error(`the page threw ${errors.length} uncaught error(s):\n${errors.join('\n\n')}`);
  }, { auto: true }],
});
