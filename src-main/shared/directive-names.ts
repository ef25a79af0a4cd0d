// The directive keywords of the .wseq format (engine/sequence/FORMAT.md): the first word of a
// line that configures the run rather than being a step. The parser reads them; the editor uses
// them to guess which lines are steps before the engine has parsed an edit.

export const DIRECTIVES: readonly string[] = [
  'module', 'import', 'allocator', 'arg', 'env', 'dir', 'stdin', 'timeout', 'deterministic', 'tty', 'trace', 'bookmark', 'capture', 'memory',
];
