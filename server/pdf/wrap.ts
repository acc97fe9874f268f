/**
 * Line breaking, as a pure function of a width measure: greedy word wrap, words longer
 * than the line broken between characters, and an ellipsis when the text needs more
 * lines than allowed. The layout helpers use it so that text never leaves its box; the
 * tests use it with a fake measure.
 */

/** Width of a string in the caller's unit (mm at the current font and size). */
export type Measure = (text: string) => number;

export interface Wrapped {
  lines: string[];
  /** True when the text did not fit in `maxLines` (the last line ends with an ellipsis). */
  truncated: boolean;
}

export const ELLIPSIS = '…';

/** The longest prefix of `word` (at least one character) whose width fits in `width`. */
function fittingPrefix(word: string, width: number, measure: Measure): string {
  const chars = [...word];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('')) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('');
}

/** `line` shortened (by characters, then trailing spaces) until `line + …` fits. */
export function ellipsize(line: string, width: number, measure: Measure): string {
  if (measure(line + ELLIPSIS) <= width) return line + ELLIPSIS;
  const chars = [...line];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS) <= width) lo = mid;
    else hi = mid - 1;
  }
  const kept = chars.slice(0, lo).join('').trimEnd();
  return measure(kept + ELLIPSIS) <= width ? kept + ELLIPSIS : kept.length ? kept : '';
}

/**
 * Wraps `text` into lines no wider than `width`. Paragraphs (`\n`) start new lines.
 * With `maxLines`, stops there: when text remains, the last line is filled with as much
 * of it as fits and ends with an ellipsis.
 */
export function wrapText(text: string, width: number, measure: Measure, maxLines = Infinity): Wrapped {
  const limit = Math.max(1, maxLines);
  const lines: string[] = [];
  const paragraphs = text.split('\n').map((p) => p.split(' ').filter((w) => w.length > 0));

  for (let p = 0; p < paragraphs.length; p++) {
    const words = paragraphs[p];
    let current = '';
    for (let i = 0; i < words.length; i++) {
      let word = words[i];
      const candidate = current ? `${current} ${word}` : word;
      if (measure(candidate) <= width) {
        current = candidate;
        continue;
      }
      if (current) {
        if (lines.length + 1 >= limit) return truncate(lines, [current, word, ...words.slice(i + 1)].join(' '), width, measure);
        lines.push(current);
        current = '';
      }
      // The word alone is too wide: break it between characters.
      while (measure(word) > width) {
        if (lines.length + 1 >= limit) return truncate(lines, [word, ...words.slice(i + 1)].join(' '), width, measure);
        const head = fittingPrefix(word, width, measure);
        lines.push(head);
        word = word.slice(head.length);
      }
      current = word;
    }
    const more = paragraphs.slice(p + 1).some((rest) => rest.length > 0);
    if (lines.length + 1 >= limit && more) {
      return truncate(lines, [current, ...paragraphs.slice(p + 1).flat()].filter(Boolean).join(' '), width, measure);
    }
    if (lines.length >= limit) break;
    lines.push(current);
  }
  // Blank paragraphs at the end leave empty lines: drop them.
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return { lines, truncated: false };
}

/** The lines so far, plus a last line made of as much of `rest` as fits, with an ellipsis. */
function truncate(lines: string[], rest: string, width: number, measure: Measure): Wrapped {
  return { lines: [...lines, ellipsize(rest, width, measure)], truncated: true };
}
