import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const engines = (name: string) => JSON.parse(readFileSync(join(root, name), 'utf8')).engines?.node as string | undefined;

describe('the README says which Node works and why', () => {
  it('asks for what the build tools require, as package.json does', () => {
    const vite = engines('node_modules/vite/package.json')!;
    expect(engines('package.json')).toBe(vite);
    expect(readme).toContain(`\`${vite}\``);
  });
  it('explains electron\'s own engine warning instead of leaving it unexplained', () => {
    const electron = engines('node_modules/electron/package.json')!;
    expect(readme).toContain(`\`node ${electron.replace(/\.0$/, '')}\``);
    expect(readme).toMatch(/EBADENGINE[^]*harmless/);
  });
});
