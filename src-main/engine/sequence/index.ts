// The sequence language's public surface: parse, validate, evaluate, execute.

export type { Sequence, Step, Directive, Expr, Span } from './ast.ts';
export { parseSequence } from './parse.ts';
export { unknownBuiltinErrors, validateSequence } from './validate.ts';
export { formatSourceError, sourceWithCaret } from './errors.ts';
export { evaluateExpression } from './expr.ts';
export { resolveSequenceStatics } from './validate.ts';
export { SequenceExecutor } from './execute.ts';
export type { GuestPort, ExecutedStep } from './execute.ts';
export { directivesToConfig, modulePath, unreadableModule } from './directives.ts';
