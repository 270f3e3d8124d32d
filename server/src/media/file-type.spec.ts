import ExcelJS from 'exceljs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docx, executable, oleDocument, pdf, zip } from '../../test/fixtures/documents';
import { ftyp, heic, mp4 } from '../../test/fixtures/media';
import { acceptedFormatsText, documentFormatOf, documentType, ooxmlFormat, sniff, sniffDocument } from './file-type';

const mimeOf = (bytes: Buffer) => sniff(bytes)?.mime ?? null;

describe('sniff', () => {
  it('recognizes JPEG and PNG by their signatures', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]))).toEqual({ kind: 'photo', format: 'jpeg', mime: 'image/jpeg' });
    expect(mimeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('image/png');
  });

  it('tells HEIC from MP4 by the brands of the ftyp box', () => {
    expect(sniff(heic({ width: 4032, height: 3024 }))).toEqual({ kind: 'photo', format: 'heic', mime: 'image/heic' });
    expect(sniff(mp4({ width: 1920, height: 1080, durationSeconds: 1 }))).toEqual({ kind: 'video', format: 'mp4', mime: 'video/mp4' });
    for (const brand of ['heix', 'mif1', 'msf1', 'hevc']) expect(mimeOf(ftyp(brand))).toBe('image/heic');
    for (const brand of ['mp42', 'iso2', 'avc1', 'M4V ', 'dash']) expect(mimeOf(ftyp(brand))).toBe('video/mp4');
    // A brand of its own, MP4 by what it is compatible with.
    expect(mimeOf(ftyp('XAVC', 'mp42', 'iso2'))).toBe('video/mp4');
  });

  it('refuses look-alikes: QuickTime, AVIF, M4A audio, executables, text', () => {
    expect(sniff(ftyp('qt  ', 'qt  '))).toBeNull();
    expect(sniff(ftyp('avif', 'avif', 'mif1', 'miaf'))).toBeNull();
    expect(sniff(ftyp('M4A ', 'M4A '))).toBeNull();
    expect(sniff(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]))).toBeNull();
    expect(sniff(Buffer.from('<html><body>not a photo</body></html>'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
});

describe('sniffDocument', () => {
  it('recognizes PDF, OLE compound files (doc, WPS) and ZIP containers by their first bytes', () => {
    expect(sniffDocument(pdf())).toEqual({ kind: 'document', format: 'pdf', mime: 'application/pdf' });
    expect(sniffDocument(oleDocument())).toEqual({ kind: 'document', format: 'doc', mime: 'application/msword' });
    expect(sniffDocument(docx())?.format).toBe('ooxml');
  });

  it('refuses executables, text, photos and videos, whatever they are named', () => {
    expect(sniffDocument(executable())).toBeNull();
    expect(sniffDocument(Buffer.from('这是一份改了扩展名的文本文件'))).toBeNull();
    expect(sniffDocument(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]))).toBeNull();
    expect(sniffDocument(mp4({ width: 1920, height: 1080, durationSeconds: 1 }))).toBeNull();
    // Nor does the media sniffer take documents: reports keep photos and videos only.
    expect(sniff(pdf())).toBeNull();
    expect(sniff(docx())).toBeNull();
  });
});

describe('ooxmlFormat', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ooxml-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const formatOf = async (bytes: Buffer) => {
    const path = join(dir, `f${Math.random()}`);
    await writeFile(path, bytes);
    const file = await open(path);
    try {
      return await ooxmlFormat(file);
    } finally {
      await file.close();
    }
  };

  it('tells a docx from an xlsx by the entries of its central directory', async () => {
    expect(await formatOf(docx())).toBe('docx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('统计表').addRow(['填报单位', '联系人']);
    expect(await formatOf(Buffer.from(await workbook.xlsx.writeBuffer()))).toBe('xlsx');
  });

  it('refuses other ZIP files and broken ones', async () => {
    expect(await formatOf(zip({ 'readme.txt': 'not a document' }))).toBeNull();
    // Word's entry without the content types: no OOXML package.
    expect(await formatOf(zip({ 'word/document.xml': '<w:document/>' }))).toBeNull();
    expect(await formatOf(docx().subarray(0, 60))).toBeNull();
  });

  it('names the format of a stored document by its mime type', () => {
    for (const format of ['pdf', 'doc', 'docx', 'xlsx'] as const) expect(documentFormatOf(documentType(format).mime)).toBe(format);
  });
});

describe('acceptedFormatsText', () => {
  it('names the formats a campaign takes, in Chinese', () => {
    expect(acceptedFormatsText({ photoFormats: ['jpeg', 'png'], videoFormats: ['mp4'] })).toBe('JPG、PNG 照片或 MP4 视频');
    expect(acceptedFormatsText({ photoFormats: ['heic'], videoFormats: [] })).toBe('HEIC 照片');
  });
});
