// Tells when devicePixelRatio changes without a resize (the window moved to a screen of another
// scale, or the page zoom changed): a canvas sized in device pixels must then redraw at once, and
// no resize or layout event says so. A media query on the current resolution is the one signal
// the browser gives; it matches only one ratio, so it is made again after each change.

/** Calls `changed` after each change of devicePixelRatio; the returned function stops it. */
export function watchPixelRatio(changed: () => void): () => void {
  let query: MediaQueryList | null = null;
  const arm = () => {
    query?.removeEventListener('change', fire);
    query = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    query.addEventListener('change', fire);
  };
  const fire = () => {
    arm();
    changed();
  };
  arm();
  return () => query?.removeEventListener('change', fire);
}
