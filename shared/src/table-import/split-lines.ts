/**
 * Splits pasted table text into lines of cells: tabs separate cells, line breaks separate lines.
 * A cell that starts with `"` and whose closing `"` is followed by a tab, a line break or the end is
 * quoted the way Excel quotes: it may hold line breaks, and `""` inside stands for `"`. Any other `"`
 * is ordinary text, since Word does not quote (`"美好生活从安全开始"话题征集` stays as it is).
 */
export function splitLines(text: string): string[][] {
  const source = text.replace(/\r\n?/g, '\n');
  const lines: string[][] = [];
  let cells: string[] = [];
  let position = 0;
  for (;;) {
    const quoted = source[position] === '"' ? readQuoted(source, position) : undefined;
    const end = quoted ? quoted.end : cellEnd(source, position);
    cells.push(quoted ? quoted.value : source.slice(position, end));
    if (end >= source.length) break;
    if (source[end] === '\n') {
      lines.push(cells);
      cells = [];
    }
    position = end + 1;
  }
  lines.push(cells);
  return lines;
}

function cellEnd(source: string, start: number): number {
  for (let index = start; index < source.length; index++) {
    if (source[index] === '\t' || source[index] === '\n') return index;
  }
  return source.length;
}

function readQuoted(source: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  for (let position = start + 1; ; ) {
    const close = source.indexOf('"', position);
    if (close < 0) return undefined;
    value += source.slice(position, close);
    if (source[close + 1] === '"') {
      value += '"';
      position = close + 2;
      continue;
    }
    const end = close + 1;
    return end === source.length || source[end] === '\t' || source[end] === '\n' ? { value, end } : undefined;
  }
}
