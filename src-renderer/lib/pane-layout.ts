// How the app's columns share the window: the sequence column and the call log each between a
// minimum and what the window leaves after the other side column's minimum and the grid's, so no
// splitter (and no smaller window) collapses a pane; and their default widths.

/** Width of each splitter bar (Splitter.svelte), two of them between the three columns. */
export const SPLITTER_PX = 4;
/**
 * The grid's narrowest (the layout's bound before splitters knew the window): the address and
 * most of a 16-byte row's hex, the inspector under it; the rest of a row scrolls sideways.
 */
export const GRID_MIN = 420;
export const SEQUENCE_MIN = 220;
/** Room for a step's index, a short source and its counts. */
export const CALL_LOG_MIN = 200;
/** Neither side column grows past this on a wide screen: the grid is what people came for. */
export const SIDE_MAX = 900;

export interface Bounds {
  min: number;
  max: number;
}

/** `px` within `b`, in whole pixels. */
export function clampTo(px: number, b: Bounds): number {
  return Math.round(Math.max(b.min, Math.min(b.max, px)));
}

/** A column's bounds given the room the window leaves it; a window too small for every minimum keeps the minimum. */
function bounds(min: number, room: number): Bounds {
  return { min, max: Math.max(min, Math.min(SIDE_MAX, Math.floor(room))) };
}

/** The sequence column's: room for the call log and the grid at their narrowest. */
export function sequenceBounds(windowWidth: number): Bounds {
  return bounds(SEQUENCE_MIN, windowWidth - CALL_LOG_MIN - GRID_MIN - 2 * SPLITTER_PX);
}

/** The call log's, beside a sequence column `sequence` px wide and the grid at its narrowest. */
export function callLogBounds(windowWidth: number, sequence: number): Bounds {
  return bounds(CALL_LOG_MIN, windowWidth - sequence - GRID_MIN - 2 * SPLITTER_PX);
}

/** The terminal's and the module panel's shortest: a title and a line or two. */
export const ROW_MIN = 60;
/** Above the terminal: the toolbar and the columns at their shortest. */
const ABOVE_TERMINAL = 240;
/** Beside the module panel in its column: the toolbar, the sequence editor's title and a few lines. */
const BESIDE_MODULE = 200;

/** The terminal's height bounds in a window `windowHeight` px high (a saved height may be from a taller one). */
export function terminalBounds(windowHeight: number): Bounds {
  return { min: ROW_MIN, max: Math.max(ROW_MIN, Math.min(900, Math.floor(windowHeight - ABOVE_TERMINAL))) };
}

/** The module panel's, above a terminal `terminal` px high. */
export function moduleBounds(windowHeight: number, terminal: number): Bounds {
  return { min: ROW_MIN, max: Math.max(ROW_MIN, Math.min(800, Math.floor(windowHeight - terminal - BESIDE_MODULE))) };
}

// Side columns start at about a fifth of the window each, so the grid keeps its inspector and
// region chips beside it at 1440 px.
export const defaultSequenceWidth = (windowWidth: number) => Math.round(Math.min(400, Math.max(250, windowWidth * 0.2)));
export const defaultCallLogWidth = (windowWidth: number) => Math.round(Math.min(340, Math.max(240, windowWidth * 0.18)));
