// One Escape closes one thing: a popover or panel that closes on Escape takes the key
// (preventDefault), so the error bar, which also listens for Escape, waits for the next press.

/** Whether `e` is an Escape nobody took yet; if so it is taken now, for the caller to close its thing. */
export function takeEscape(e: KeyboardEvent): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented) return false;
  e.preventDefault();
  return true;
}
