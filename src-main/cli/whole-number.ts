// Numbers on the command line: digits only. Number() read "" and " " as 0 (`dap --port " "` was
// port 0, a random one) and took 0x10 and 1e3 (`run --timeout 0x10` was a 16 ms limit).

/** `text` as a whole number when it is one written in decimal digits (and exact), else null. */
export function wholeNumber(text: string | undefined): number | null {
  if (text === undefined || !/^[0-9]+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
