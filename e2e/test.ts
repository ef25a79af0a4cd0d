// Playwright's `test` for every spec, with one addition: an uncaught exception in the page fails
// the test that caused it. Before this, specs logged page errors and passed, so a grid that threw
// on every frame for a module without memory went unnoticed through a green run.

import { test as base } from '@playwright/test';

export * from '@playwright/test';

export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await use(errors);
    if (errors.length > 0) throw new Error(`the page threw ${errors.length} uncaught error(s):\n${errors.join('\n\n')}`);
  }, { auto: true }],
});
