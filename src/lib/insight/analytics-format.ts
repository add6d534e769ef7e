/** How the insight pages write numbers, so that every page rounds the same way. */

/** A share (0-1) as a whole percent; "–" when there was nothing to divide. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`;
}

/** A discrimination index with its sign and two decimals ("+0.33", "-0.50"); "–" when there is none. */
export function signed(value: number | null): string {
  if (value === null) return '–';
  const rounded = Math.round(value * 100) / 100;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(2)}`;
}

/** An average rating with one decimal ("4.3"); "–" without ratings. */
export function average(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

/** "1 attempt", "3 attempts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first `max` characters of a long prompt, cut at a word, for tables; the full text is shown elsewhere. */
export function shorten(text: string, max = 90): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
