// The builtin host functions an import can be bound to (shared by the planner and the worker).

export const BUILTIN_NAMES = ['print_utf8', 'print_utf16', 'abort', 'trace'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];
