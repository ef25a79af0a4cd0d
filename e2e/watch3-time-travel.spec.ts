// Watch stops and stepping back in time on a module that grows memory and traps after a watched
// write: Reverse (Alt+F5) from past the end goes to each stop, Back (Shift+F10) over the grow
// shrinks memory again, and F10 after Back runs the step to the same result.
import { expect, test } from './test.ts';
import { appUrl, pickModuleFiles, pressAtPause } from './helpers.ts';

// (memory 1); poke(a, v): store8; grow(n): memory.grow; poke_then_trap(a, v): store8, unreachable.
const GW = Buffer.from('0061736d01000000010b0260027f7f0060017f017f0304030001000503010001072904066d656d6f7279020004706f6b6500000467726f7700010e706f6b655f7468656e5f7472617000020a1d030900200020013a00000b0600200040000b0a00200020013a0000000b', 'hex');
const SEQ = 'module "gw.wasm"\nwatch w @ 0x10001 [1] stop\nold = grow(1)\npoke(0x10001, 5)\npoke(0x20, 1)\npoke(0x21, 1)\npoke_then_trap(0x10001, 7)\n';

test('Reverse from a trap goes to each watch stop; Back over a grow shrinks memory; F10 grows it again', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'gw.wasm', mimeType: 'application/wasm', buffer: GW });
  await page.getByTestId('sequence-text').fill(SEQ);
  const badge = page.getByTestId('state-badge');
  const size = page.getByTestId('memory-size');
  const counter = page.getByTestId('step-counter');
  await page.keyboard.press('F5');
  await expect(badge).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('watch-hit').last()).toContainText('00 → 05 by poke');
  await expect(size).toHaveAttribute('title', /131[,\u202f ]?072/);
  await pressAtPause(page, 'F5');
  await expect(page.getByTestId('watch-hit').last()).toContainText('05 → 07 by poke_then_trap');
  await pressAtPause(page, 'F5');
  await expect(badge).toHaveAttribute('data-state', 'failed');
  // The trap's step keeps its hit and says it.
  await expect(page.getByTestId('call-step').last().getByTestId('watch-hit')).toContainText('05 → 07');
  await page.keyboard.press('Alt+F5');
  await expect(badge).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('watch-hit').last()).toContainText('05 → 07 by poke_then_trap');
  await pressAtPause(page, 'Alt+F5');
  await expect(counter).toContainText('step 3 /');
  await expect(page.getByTestId('watch-hit').last()).toContainText('00 → 05 by poke');
  // Back to before poke, then before grow: one page again.
  await page.keyboard.press('Shift+F10');
  await expect(counter).toContainText('step 2 /');
  await page.keyboard.press('Shift+F10');
  await expect(counter).toContainText('step 1 /');
  await expect(size).toHaveAttribute('title', /65[,\u202f ]?536/);
  await page.keyboard.press('F10');
  await expect(counter).toContainText('step 2 /');
  await expect(size).toHaveAttribute('title', /131[,\u202f ]?072/);
});

test('a watch typed in after steps ran keeps the run where it was and sees the next step\'s write', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'gw.wasm', mimeType: 'application/wasm', buffer: GW });
  const text = page.getByTestId('sequence-text');
  await text.fill('module "gw.wasm"\npoke(0x30, 1)\npoke(0x30, 2)\npoke(0x30, 3)\n');
  const counter = page.getByTestId('step-counter');
  await page.keyboard.press('F10');
  await expect(counter).toContainText('step 1 /');
  await page.keyboard.press('F10');
  await expect(counter).toContainText('step 2 /');
  await text.fill('module "gw.wasm"\npoke(0x30, 1)\npoke(0x30, 2)\nwatch w @ 0x30 [1] stop\npoke(0x30, 3)\n');
  await text.press('Control+Enter');
  // The two steps that ran still lead the text: replayed, traced now, not thrown away.
  await expect(counter).toContainText('step 2 / 4');
  await page.getByTestId('memory-grid').focus();
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('watch-hit').last()).toContainText('02 → 03 by poke');
});

test('Back after a trap and F10 trap again with the same hit; after Reset, Reverse goes to the new run\'s stop', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'gw.wasm', mimeType: 'application/wasm', buffer: GW });
  await page.getByTestId('sequence-text').fill('module "gw.wasm"\nwatch w @ 0xfffe [4]\nwatch s @ 0x10 [1] stop\npoke(0x10, 1)\npoke_then_trap(0xffff, 7)\n');
  const badge = page.getByTestId('state-badge');
  const counter = page.getByTestId('step-counter');
  const lastHit = () => page.getByTestId('call-step').last().getByTestId('watch-hit');
  await page.keyboard.press('F5');
  await pressAtPause(page, 'F5');
  await expect(badge).toHaveAttribute('data-state', 'failed');
  // The watch over the end of memory saw the write the trap followed.
  await expect(lastHit()).toContainText('watch w @ 0xffff [1]: 00 → 07 by poke_then_trap+0x5');
  await page.keyboard.press('Shift+F10');
  await expect(counter).toContainText('step 3 / 4');
  await expect(badge).toHaveAttribute('data-state', 'paused');
  await page.keyboard.press('F10');
  await expect(badge).toHaveAttribute('data-state', 'failed');
  await expect(lastHit()).toContainText('00 → 07 by poke_then_trap');
  await page.keyboard.press('Control+Shift+F5');
  await expect(counter).toContainText('step 0 / 4');
  await expect(page.getByTestId('reverse-button')).toBeDisabled();
  await page.keyboard.press('F5');
  await pressAtPause(page, 'F5');
  await expect(badge).toHaveAttribute('data-state', 'failed');
  await page.keyboard.press('Alt+F5');
  await expect(badge).toHaveAttribute('data-state', 'paused');
  await expect(counter).toContainText('step 3 / 4');
  await expect(lastHit()).toContainText('00 → 01 by poke');
});
