// Runs work that reads layout just after the next frame is painted, when layout is fresh and
// reading it costs nothing; read inside a Svelte flush, it forces the whole page's layout while
// a step is being applied, and again in the frame once the grid has drawn.

/** Calls `fn` in the first task after the next frame; the returned function cancels it. */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
