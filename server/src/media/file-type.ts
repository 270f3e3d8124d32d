import { DOCUMENT_FORMATS, DocumentFormat, MediaKind, MediaRequirements } from '@safemonth/shared';
import type { FileHandle } from 'node:fs/promises';

export type MediaFormat = MediaRequirements['photoFormats'][number] | MediaRequirements['videoFormats'][number];

export interface FileType {
  kind: MediaKind;
  format: MediaFormat;
  mime: string;
}

/** A document handed in with a deliverable; `ooxml` is a ZIP container, a docx or an xlsx once {@link ooxmlFormat} has read its entries. */
export interface DocumentType {
  kind: 'document';
  format: DocumentFormat | 'ooxml';
  mime: string;
}

/** Enough of a file's start to recognize it, an ISO-BMFF `ftyp` box with its brands included. */
export const SNIFF_BYTES = 64;

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-', 'latin1');
/** An OLE compound file: Word 97–2003 and WPS documents (and other Office 97 files, which say no more in their first bytes). */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** A ZIP file's first local header: OOXML documents are ZIP containers. */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
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

const DOCUMENT_TYPES: Record<DocumentType['format'], DocumentType> = {
  pdf: { kind: 'document', format: 'pdf', mime: 'application/pdf' },
  doc: { kind: 'document', format: 'doc', mime: 'application/msword' },
  ooxml: { kind: 'document', format: 'ooxml', mime: 'application/zip' },
  docx: { kind: 'document', format: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { kind: 'document', format: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
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

/**
 * The document type of a file from its first bytes: PDF, an OLE compound file (Word 97–2003, WPS),
 * or a ZIP container (docx, xlsx: {@link ooxmlFormat} tells which, or neither, from its entries).
 */
export function sniffDocument(head: Buffer): DocumentType | null {
  if (head.subarray(0, PDF.length).equals(PDF)) return DOCUMENT_TYPES.pdf;
  if (head.subarray(0, OLE.length).equals(OLE)) return DOCUMENT_TYPES.doc;
  if (head.subarray(0, ZIP.length).equals(ZIP)) return DOCUMENT_TYPES.ooxml;
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

/** End of central directory record: 22 bytes, then a comment of up to 65,535. */
const EOCD_SIGNATURE = 0x06054b50;
const EOCD_BYTES = 22;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
/** An Office document has tens of entries; a ZIP with more is no document of ours, and is not read further. */
const MAX_ZIP_ENTRIES = 10_000;

/**
 * Which OOXML document a ZIP container is, from the names in its central directory: a docx holds
 * `[Content_Types].xml` and `word/document.xml`, an xlsx `[Content_Types].xml` and `xl/workbook.xml`.
 * Null for any other ZIP (an archive, an APK, a broken file).
 */
export async function ooxmlFormat(file: FileHandle): Promise<'docx' | 'xlsx' | null> {
  const names = await zipEntryNames(file);
  if (!names?.has('[Content_Types].xml')) return null;
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** The type of a document once its format is known (an OOXML container's from its entries). */
export function documentType(format: DocumentFormat): DocumentType {
  return DOCUMENT_TYPES[format];
}

/** The format of a stored document, from the mime type its bytes gave it. */
export function documentFormatOf(mime: string): DocumentFormat {
  const format = DOCUMENT_FORMATS.find((f) => DOCUMENT_TYPES[f].mime === mime);
  if (!format) throw new Error(`not a document type: ${mime}`);
  return format;
}

async function zipEntryNames(file: FileHandle): Promise<Set<string> | null> {
  const { size } = await file.stat();
  const tailLength = Math.min(size, EOCD_BYTES + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let at = tailLength - EOCD_BYTES; at >= 0; at--) {
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES || directoryOffset + directorySize > size) return null;
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);
  const names = new Set<string>();
  let at = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER_SIGNATURE) return null;
    const nameLength = directory.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (next > directory.length) return null;
    names.add(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at = next;
  }
  return names;
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
