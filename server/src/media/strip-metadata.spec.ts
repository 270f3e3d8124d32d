import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { box, fullBox, heic, mp4 } from '../../test/fixtures/media';
import { FileType, sniff } from './file-type';
import { mp4Facts } from './iso-bmff';
import { Photos } from './photo';
import { canStripMetadata, stripMetadata } from './strip-metadata';

/** What a phone, a photo editor or a camera app leaves in a file: none of it may be left after stripping. */
const SECRETS = ['AcmeMaker', 'PhoneModelX', 'XmpAuthorName', 'SecretComment', 'IptcByline', 'PngAuthor', 'PngItxt', 'PngZtxt'];
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="XmpAuthorName"/></rdf:RDF></x:xmpmeta>`;
const EXIF = {
  IFD0: { Make: 'AcmeMaker', Model: 'PhoneModelX' },
  IFD2: { DateTimeOriginal: '2026:06:12 09:30:00' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '23/1 25/1 4008/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 2/1 60/100' },
};

describe('stripMetadata', () => {
  let dir: string;
  const photos = new Photos({ maxPixels: 1_000_000, decodesAtOnce: 1 });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sm-strip-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Strips `bytes` as a received file and answers what is left, checking the size and hash answered. */
  async function strip(bytes: Buffer): Promise<Buffer> {
    const path = join(dir, createHash('sha256').update(bytes).digest('hex'));
    writeFileSync(path, bytes);
    const answer = await stripMetadata(path, sniff(bytes) as FileType, photos);
    const stripped = readFileSync(path);
    expect(answer).toEqual({ sizeBytes: stripped.length, sha256: createHash('sha256').update(stripped).digest('hex') });
    return stripped;
  }

  it('writes a JPEG again upright with no EXIF, GPS, XMP, ICC profile, IPTC or comment', async () => {
    const made = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c00' } })
      .jpeg({ quality: 90 })
      .withExif(EXIF)
      .withXmp(XMP)
      .withIccProfile('p3')
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const comment = segment(0xfe, Buffer.from('SecretComment'));
    const iptc = segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0'), Buffer.from('8BIM'), Buffer.from([4, 4, 0, 0, 0, 0, 0, 15, 0x1c, 2, 0x50, 0, 10]), Buffer.from('IptcByline')]));
    const original = Buffer.concat([made.subarray(0, 2), comment, iptc, made.subarray(2)]);
    expect(await sharp(original).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer), xmp: expect.any(Buffer), icc: expect.any(Buffer), iptc: expect.any(Buffer) });

    const stripped = await strip(original);
    const metadata = await sharp(stripped).metadata();
    // Turned as the Orientation tag said, with no tag left.
    expect(metadata).toMatchObject({ format: 'jpeg', width: 48, height: 64 });
    for (const key of ['orientation', 'exif', 'xmp', 'icc', 'iptc', 'comments'] as const) expect(metadata[key]).toBeUndefined();
    // Nothing but the picture: quantization and Huffman tables, the frame, the scan.
    expect(new Set(jpegMarkers(stripped))).toEqual(new Set(['DQT', 'SOF0', 'DHT', 'SOS']));
    for (const text of [...SECRETS, 'Exif\0', 'http://ns.adobe.com', 'ICC_PROFILE', 'Photoshop']) expect(stripped.includes(text, 0, 'latin1')).toBe(false);
  });

  it('writes a PNG again with its transparency and no eXIf, iCCP or text chunk', async () => {
    const made = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .withExif(EXIF)
      .withIccProfile('p3')
      .toBuffer();
    const text = [
      pngChunk('tEXt', Buffer.from('Author\0PngAuthor', 'latin1')),
      pngChunk('iTXt', Buffer.from('Comment\0\0\0\0\0PngItxt', 'latin1')),
      pngChunk('zTXt', Buffer.concat([Buffer.from('Title\0\0', 'latin1'), deflateSync('PngZtxt')])),
    ];
    // After the IHDR chunk (8 bytes of signature, 25 of IHDR).
    const original = Buffer.concat([made.subarray(0, 33), ...text, made.subarray(33)]);
    expect(pngChunks(original)).toEqual(expect.arrayContaining(['eXIf', 'iCCP', 'tEXt', 'iTXt', 'zTXt']));

    const stripped = await strip(original);
    const metadata = await sharp(stripped).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: 40, height: 30, channels: 4, hasAlpha: true });
    for (const key of ['exif', 'xmp', 'icc', 'iptc', 'comments'] as const) expect(metadata[key]).toBeUndefined();
    expect(pngChunks(stripped).filter((type) => !['IHDR', 'IDAT', 'IEND', 'pHYs'].includes(type))).toEqual([]);
    for (const secret of SECRETS) expect(stripped.includes(secret, 0, 'latin1')).toBe(false);
  });

  it.each([
    ['moov first', false],
    ['moov last', true],
  ])('erases an MP4’s user data, meta, XMP and times in place (%s): same length, still playable', async (_, moovLast) => {
    const location = '+23.4278+116.0335+012.000/';
    // Seconds since 1904: June 2026.
    const recordedAt = 3_990_000_000;
    const mdhd = fullBox('mdhd', 1, 0, u64(recordedAt), u64(recordedAt), u32(1000), u64(7000), Buffer.from([0x55, 0xc4, 0, 0]));
    const appleMeta = fullBox('meta', 0, 0, fullBox('hdlr', 0, 0, u32(0), Buffer.from('mdta'), Buffer.alloc(13)), box('keys', Buffer.from('com.apple.quicktime.location.ISO6709')), box('ilst', Buffer.from(location)));
    const original = Buffer.concat([
      mp4({
        width: 1920,
        height: 1080,
        durationSeconds: 7,
        moovLast,
        recordedAt,
        moovExtra: [box('udta', quickTimeText('©xyz', location), quickTimeText('©day', '2026-06-12T09:30:00+0800'), quickTimeText('©mak', 'AcmeMaker')), appleMeta],
        trakExtra: [box('mdia', mdhd), box('udta', quickTimeText('©mod', 'PhoneModelX'))],
      }),
      box('uuid', Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'), Buffer.from(XMP)),
    ]);
    const before = await facts(original);
    expect(before).toEqual({ playable: true, width: 1920, height: 1080, durationSeconds: 7 });

    const stripped = await strip(original);
    expect(stripped.length).toBe(original.length);
    expect(await facts(stripped)).toEqual(before);
    for (const text of [location, 'ISO6709', '2026-06-12', 'AcmeMaker', 'PhoneModelX', 'XmpAuthorName', '©xyz', 'udta', 'meta', 'uuid']) {
      expect(stripped.includes(text, 0, 'latin1')).toBe(false);
    }
    // Each erased box is a `free` box where it was; the media data has not moved.
    expect(topLevel(stripped)).toEqual(topLevel(original).map((type) => (type === 'uuid' ? 'free' : type)));
    const mdat = original.indexOf('mdat');
    expect(stripped.indexOf('mdat')).toBe(mdat);
    expect(stripped.subarray(mdat - 4, mdat + 4 + 1024).equals(original.subarray(mdat - 4, mdat + 4 + 1024))).toBe(true);
    // Creation and modification times: 32-bit in mvhd and both tkhd (version 0), 64-bit in mdhd (version 1).
    for (const [type, length] of [['mvhd', 8], ['tkhd', 8], ['mdhd', 16]] as const) {
      const found = occurrences(original, type);
      expect(found.length).toBeGreaterThan(0);
      for (const at of found) {
        // After the box's size, type, version and flags.
        expect(original.subarray(at + 12, at + 12 + length).equals(Buffer.alloc(length))).toBe(false);
        expect(stripped.subarray(at + 12, at + 12 + length).equals(Buffer.alloc(length))).toBe(true);
      }
    }
  });

  it('cannot strip a HEIC photo (sharp cannot decode HEVC): it is refused before', async () => {
    const type = sniff(heic({ width: 4032, height: 3024 })) as FileType;
    expect(canStripMetadata(type)).toBe(false);
    expect(canStripMetadata(sniff(mp4({ width: 16, height: 16, durationSeconds: 1 })) as FileType)).toBe(true);
    const path = join(dir, 'photo.heic');
    writeFileSync(path, heic({ width: 4032, height: 3024 }));
    await expect(stripMetadata(path, type, photos)).rejects.toThrow(/heic/);
  });

  async function facts(bytes: Buffer) {
    const path = join(dir, 'facts.mp4');
    writeFileSync(path, bytes);
    const file = await open(path);
    try {
      return await mp4Facts(file);
    } finally {
      await file.close();
    }
  }
});

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function u64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(value));
  return buffer;
}

/** A QuickTime user data text: 16-bit length, 16-bit language, the text. */
function quickTimeText(type: string, text: string): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(Buffer.byteLength(text), 0);
  head.writeUInt16BE(0x15c7, 2);
  return box(type, head, Buffer.from(text));
}

/** The types of the boxes at the top level of an MP4 file. */
function topLevel(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += bytes.readUInt32BE(at)) types.push(bytes.toString('latin1', at + 4, at + 8));
  return types;
}

/** Where the boxes of a type start (their size field). */
function occurrences(bytes: Buffer, type: string): number[] {
  const found: number[] = [];
  for (let at = bytes.indexOf(type); at >= 0; at = bytes.indexOf(type, at + 1)) found.push(at - 4);
  return found;
}

/** A JPEG segment: marker, 16-bit length (itself included), content. */
function segment(marker: number, content: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(content.length + 2, 2);
  return Buffer.concat([head, content]);
}

const JPEG_MARKERS: Record<number, string> = { 0xc0: 'SOF0', 0xc2: 'SOF2', 0xc4: 'DHT', 0xda: 'SOS', 0xdb: 'DQT', 0xdd: 'DRI', 0xfe: 'COM' };

/** The markers of a JPEG's segments up to its first scan (APPn named as such). */
function jpegMarkers(jpeg: Buffer): string[] {
  const markers: string[] = [];
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff; at += 2 + jpeg.readUInt16BE(at + 2)) {
    const marker = jpeg[at + 1];
    markers.push(marker >= 0xe0 && marker <= 0xef ? `APP${marker - 0xe0}` : (JPEG_MARKERS[marker] ?? marker.toString(16)));
    if (marker === 0xda) break;
  }
  return markers;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function pngChunks(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at + 8 <= png.length; at += 12 + png.readUInt32BE(at)) types.push(png.toString('latin1', at + 4, at + 8));
  return types;
}
