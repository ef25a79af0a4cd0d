import { expect, it } from 'vitest';
import { lastPathPart } from './path-name.ts';

it('takes the last part after either separator', () => {
  expect(lastPathPart('/tmp/a/m.wasm')).toBe('m.wasm');
  expect(lastPathPart('C:\\build\\m.wasm')).toBe('m.wasm');
  expect(lastPathPart('dir\\sub/m.wasm')).toBe('m.wasm');
  expect(lastPathPart('m.wasm')).toBe('m.wasm');
  expect(lastPathPart('dir/')).toBe('');
});
