import { ftyp, heic, mp4 } from '../../test/fixtures/media';
import { acceptedFormatsText, sniff } from './file-type';

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

describe('acceptedFormatsText', () => {
  it('names the formats a campaign takes, in Chinese', () => {
    expect(acceptedFormatsText({ photoFormats: ['jpeg', 'png'], videoFormats: ['mp4'] })).toBe('JPG、PNG 照片或 MP4 视频');
    expect(acceptedFormatsText({ photoFormats: ['heic'], videoFormats: [] })).toBe('HEIC 照片');
  });
});
