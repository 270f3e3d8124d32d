/** What Excel refuses in a sheet name. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_LENGTH = 31;

/**
 * Names sheets after units: unique within the workbook (Excel compares them ignoring case), at most
 * 31 characters, without `[]:*?/\` or an apostrophe at either end; a repeated name gets `(2)`, `(3)` ….
 */
export function sheetNamer(): (wanted: string) => string {
  const taken = new Set<string>();
  return (wanted) => {
    const base = wanted.replace(FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `(${n})`;
      // Cut by characters, never inside a surrogate pair.
      const name = Array.from(base).slice(0, MAX_LENGTH - suffix.length).join('').trimEnd() + suffix;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  };
}
