// The page's list of step records, taken forward by step events. One rule, here so it can be
// tested without a page: events apply in the order they came, each as if it came alone.

import type { StepEvent } from '../../src-main/shared/contract.ts';
import type { StepRecord } from '../../src-main/shared/dto.ts';

/**
 * The list after `events` (a frame's held events, in order): each record replaces the one at its
 * index and every later one (a step run again after a watch's stop, or after stepping back,
 * comes again with its index), and a single step's state after it (`after`) cuts the list to
 * its step count then, before the events that follow it. Applied all at once, the first step's
 * cut came after the second step was in, and dropped it. Null: an event is past the end of
 * the list, a gap the page cannot fill (the list would have holes, which every reader of it
 * would trip on); the caller asks for the session's view instead.
 */
export function stepsAfter(steps: readonly StepRecord[], events: readonly StepEvent[]): StepRecord[] | null {
  const out = steps.slice(0, events[0]?.index ?? steps.length);
  for (const { after, ...record } of events) {
    if (record.index > out.length) return null;
    out.length = record.index;
    out.push(record);
    if (after && out.length > after.nextStep) out.length = after.nextStep;
  }
  return out;
}
