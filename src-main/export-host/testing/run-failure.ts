// The failed step of `memscope run --json` as an exported host program says it, for the tests
// that hold the two together.

/** A step as `memscope run --json` lists it. */
export interface RunStep {
  line: number;
  source: string;
  ok: boolean;
  error?: { message: string; where?: { column?: number } };
}

/**
 * The host's `✗` line for run's failed step: at run's `line:column` when the failure is at the
 * step's own place (its call trapped, exited or threw; its expect did not hold), else at the line
 * alone (`inPart`: a part of the line failed, an argument or an address, which the message names).
 */
export function hostFailure(failed: RunStep, { inPart = false } = {}): string {
  const at = inPart ? `${failed.line}` : `${failed.line}:${failed.error!.where!.column}`;
  return `✗ line ${at}: ${failed.source}: ${failed.error!.message}`;
}
