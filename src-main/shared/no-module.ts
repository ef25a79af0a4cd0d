// The refusal of what needs an open session when none is: the backend answers requests with it,
// and the page says it for the keys it sends nothing for then (F10, F5, Shift+F10, Alt+F5).

import type { MemscopeError } from './dto.ts';

export const NO_MODULE: MemscopeError = { code: 'no-module', message: 'no module is open: open a module or pick a demo first' };
