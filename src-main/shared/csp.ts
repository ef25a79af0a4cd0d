// The Content-Security-Policy both shells send with the renderer's page; only connect-src differs.

/**
 * The page may load only its own scripts and styles (xterm injects <style>, hence
 * 'unsafe-inline' for styles only) and talk only to what `connectSrc` allows: the web shell's
 * WebSocket, or nothing under Electron (IPC needs no connect-src).
 */
export function rendererCsp(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connectSrc}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
