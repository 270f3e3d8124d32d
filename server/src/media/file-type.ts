import { MediaKind, MediaRequirements } from '@safemonth/shared';

export type MediaFormat = MediaRequirements['photoFormats'][number] | MediaRequirements['videoFormats'][number];

export interface FileType {
  kind: MediaKind;
  format: MediaFormat;
  mime: string;
}

/** Enough of a file's start to recognize it, an ISO-BMFF `ftyp` box with its brands included. */
export const SNIFF_BYTES = 64;

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** HEIF brands of HEVC-coded still images (and image sequences): what phones write. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
/** ISO base media / MP4 brands. QuickTime (`qt  `, .mov) is not MP4 and is not among them. */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4', 'MSNV']);
/** Compatible brands that alone say HEIC (`mif1` does not: AVIF lists it too). */
const HEIC_ONLY_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx']);

const TYPES: Record<MediaFormat, FileType> = {
  jpeg: { kind: 'photo', format: 'jpeg', mime: 'image/jpeg' },
  png: { kind: 'photo', format: 'png', mime: 'image/png' },
  heic: { kind: 'photo', format: 'heic', mime: 'image/heic' },
  mp4: { kind: 'video', format: 'mp4', mime: 'video/mp4' },
};

/** The media type of a file from its first bytes (magic numbers), never from its name or the client's word. */
export function sniff(head: Buffer): FileType | null {
  if (head.subarray(0, JPEG.length).equals(JPEG)) return TYPES.jpeg;
  if (head.subarray(0, PNG.length).equals(PNG)) return TYPES.png;
  const brands = ftypBrands(head);
  if (!brands) return null;
  const [major, ...compatible] = brands;
  if (HEIC_BRANDS.has(major)) return TYPES.heic;
  if (MP4_BRANDS.has(major)) return TYPES.mp4;
  if (compatible.some((b) => HEIC_ONLY_BRANDS.has(b))) return TYPES.heic;
  if (compatible.some((b) => MP4_BRANDS.has(b))) return TYPES.mp4;
  return null;
}

/** The major brand then the compatible brands of a leading `ftyp` box, or null without one. */
function ftypBrands(head: Buffer): string[] | null {
  if (head.length < 12 || head.toString('latin1', 4, 8) !== 'ftyp') return null;
  const end = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.toString('latin1', 8, 12)];
  // Bytes 12–16 are the minor version, then the compatible brands, four bytes each.
  for (let at = 16; at + 4 <= end; at += 4) brands.push(head.toString('latin1', at, at + 4));
  return brands;
}

const FORMAT_NAMES: Record<MediaFormat, string> = { jpeg: 'JPG', png: 'PNG', heic: 'HEIC', mp4: 'MP4' };

export function formatName(format: MediaFormat): string {
  return FORMAT_NAMES[format];
}

/** 「JPG、PNG 照片或 MP4 视频」: what a campaign accepts, for refusals. */
export function acceptedFormatsText(rules: Pick<MediaRequirements, 'photoFormats' | 'videoFormats'>): string {
  const list = (formats: MediaFormat[]) => formats.map(formatName).join('、');
  const photos = rules.photoFormats.length ? `${list(rules.photoFormats)} 照片` : '';
  const videos = rules.videoFormats.length ? `${list(rules.videoFormats)} 视频` : '';
  return [photos, videos].filter(Boolean).join('或 ');
}
