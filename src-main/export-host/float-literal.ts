// A sequence's float literal as source text of the exported host, in its language.

/**
 * `inf` is the language's +Infinity (a literal past f64's range, `1e400`, is Infinity in a
 * sequence, and a run passes it as it is). A finite value keeps JavaScript's shortest spelling,
 * with `.0` when it has no point or exponent, so the three languages read it as a float: from 2^53
 * up an integer-valued float prints with an exponent (`1e+300`), and `1e+300.0` is no literal.
 */
export function floatLiteral(v: number, inf: string, nan: string): string {
  if (Number.isNaN(v)) return nan;
  if (!Number.isFinite(v)) return v > 0 ? inf : `(-${inf})`;
  // String(-0) is "0": the sign would be lost (1 / -0.0 is -Infinity in a sequence).
  if (Object.is(v, -0)) return '(-0.0)';
  const text = String(v);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
