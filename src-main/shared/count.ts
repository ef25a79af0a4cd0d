// "1 step", "2 steps": a number with its noun, the one place that chooses the form.

/** `n` and the noun's singular or plural (`many`, when it is not the singular plus "s"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
