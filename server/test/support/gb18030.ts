/**
 * Encodes text as GB18030 the way Excel on a Chinese Windows saves a CSV file. Node decodes
 * GB18030 but cannot encode it, so the test finds each character's bytes by decoding candidates.
 */
const decoder = new TextDecoder('gb18030');
const table = new Map<string, number[]>();
for (let high = 0x81; high <= 0xfe; high++) {
  for (let low = 0x40; low <= 0xfe; low++) {
    if (low === 0x7f) continue;
    const char = decoder.decode(new Uint8Array([high, low]));
    if (char.length === 1 && !table.has(char)) table.set(char, [high, low]);
  }
}

export default function encodeGb18030(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const encoded = table.get(char);
      if (!encoded) throw new Error(`no GB18030 two-byte code for ${char}`);
      bytes.push(...encoded);
    }
  }
  return Buffer.from(bytes);
}
