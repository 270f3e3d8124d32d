import { FileHandle } from 'node:fs/promises';

/**
 * Reading ISO base media files (MP4, HEIC) box by box with positional reads: only box headers and
 * the few small boxes needed are read, so a video of any length is inspected in constant memory,
 * wherever its `moov` box is (phones often write it after the media data).
 */
interface Box {
  type: string;
  /** Where the box's header starts, where its content starts (after the header) and where the box ends. */
  start: number;
  body: number;
  end: number;
}

/** Small boxes are read whole; a `meta` or `moov` box is walked, never read whole. */
const MAX_BOX_READ = 64 * 1024;

async function read(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The boxes between `start` and `end`; stops at the first malformed header. */
async function children(file: FileHandle, start: number, end: number): Promise<Box[]> {
  const boxes: Box[] = [];
  for (let at = start; at + 8 <= end; ) {
    const header = await read(file, at, 16);
    if (header.length < 8) break;
    let size = header.readUInt32BE(0);
    let body = at + 8;
    if (size === 1) {
      if (header.length < 16) break;
      size = Number(header.readBigUInt64BE(8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at; // to the end of the enclosing box (or file)
    }
    if (size < body - at || at + size > end) break;
    boxes.push({ type: header.toString('latin1', 4, 8), start: at, body, end: at + size });
    at += size;
  }
  return boxes;
}

async function content(file: FileHandle, box: Box): Promise<Buffer | null> {
  const length = box.end - box.body;
  return length <= MAX_BOX_READ ? read(file, box.body, length) : null;
}

export interface VideoFacts {
  /** False when the file has no `moov` box: not a playable MP4 (e.g. cut short). */
  playable: boolean;
  /** As displayed, after the track's rotation; null without a visual track. */
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
}

/** Dimensions (the first track with a picture, from `tkhd`) and duration (`mvhd`) of an MP4 file. */
export async function mp4Facts(file: FileHandle): Promise<VideoFacts> {
  const { size } = await file.stat();
  const moov = (await children(file, 0, size)).find((b) => b.type === 'moov');
  if (!moov) return { playable: false, width: null, height: null, durationSeconds: null };
  const boxes = await children(file, moov.body, moov.end);
  const mvhd = boxes.find((b) => b.type === 'mvhd');
  const header = mvhd ? await content(file, mvhd) : null;
  let picture: { width: number; height: number } | null = null;
  for (const trak of boxes.filter((b) => b.type === 'trak')) {
    const tkhd = (await children(file, trak.body, trak.end)).find((b) => b.type === 'tkhd');
    const track = tkhd ? await content(file, tkhd) : null;
    picture = track ? trackPicture(track) : null;
    if (picture) break;
  }
  return { playable: true, width: picture?.width ?? null, height: picture?.height ?? null, durationSeconds: header ? movieDuration(header) : null };
}

/** `mvhd`: version 0 has 32-bit times, version 1 64-bit; the timescale is in units per second. */
function movieDuration(mvhd: Buffer): number | null {
  const v1 = mvhd[0] === 1;
  if (mvhd.length < (v1 ? 32 : 20)) return null;
  const timescale = mvhd.readUInt32BE(v1 ? 20 : 12);
  const duration = v1 ? Number(mvhd.readBigUInt64BE(24)) : mvhd.readUInt32BE(16);
  return timescale > 0 ? Math.round(duration / timescale) : null;
}

/**
 * `tkhd`: width and height are 16.16 fixed point after the transformation matrix; audio tracks have
 * zero. A matrix that turns by a quarter (a phone held upright) swaps what is displayed.
 */
function trackPicture(tkhd: Buffer): { width: number; height: number } | null {
  const shift = tkhd[0] === 1 ? 12 : 0;
  if (tkhd.length < 84 + shift) return null;
  const width = Math.round(tkhd.readUInt32BE(76 + shift) / 65536);
  const height = Math.round(tkhd.readUInt32BE(80 + shift) / 65536);
  if (width === 0 || height === 0) return null;
  const [a, , , , d] = [0, 1, 2, 3, 4].map((i) => tkhd.readInt32BE(40 + shift + i * 4));
  return a === 0 && d === 0 ? { width: height, height: width } : { width, height };
}

/**
 * Boxes that hold what a recording says about itself and nothing a player needs: user data (`udta`:
 * `©xyz` location, `©day` date, make and model), `meta` (Apple's keys and values, the location among
 * them), `uuid` (XMP, vendors' own) and QuickTime's `XMP_`; `free` and `skip` may hold left-overs.
 */
const METADATA_BOXES = new Set(['udta', 'meta', 'uuid', 'XMP_', 'free', 'skip']);
/** Where metadata boxes are found: the top level, the movie, its tracks and their media. */
const METADATA_HOLDERS = new Set(['moov', 'trak', 'mdia']);
/** Full boxes whose content starts with the creation and modification times (32-bit in version 0, 64-bit in 1). */
const DATED_BOXES = new Set(['mvhd', 'tkhd', 'mdhd']);
const ZEROS = Buffer.alloc(MAX_BOX_READ);

/**
 * Erases, in place, every metadata box of an MP4 file and the times it was made: each metadata box
 * becomes a `free` box of the same size with zeroed content, and the creation and modification
 * times of the movie, its tracks and their media are zeroed. No box moves, so the chunk offsets stay
 * right and the file plays as before. `file` must be open for writing.
 */
export async function eraseMetadata(file: FileHandle): Promise<void> {
  const { size } = await file.stat();
  const walk = async (boxes: Box[]): Promise<void> => {
    for (const box of boxes) {
      if (METADATA_BOXES.has(box.type)) {
        await file.write(Buffer.from('free', 'latin1'), 0, 4, box.start + 4);
        await zero(file, box.body, box.end);
      } else if (DATED_BOXES.has(box.type)) {
        const version = (await read(file, box.body, 1))[0];
        await zero(file, box.body + 4, Math.min(box.end, box.body + 4 + (version === 1 ? 16 : 8)));
      } else if (METADATA_HOLDERS.has(box.type)) {
        await walk(await children(file, box.body, box.end));
      }
    }
  };
  await walk(await children(file, 0, size));
}

async function zero(file: FileHandle, start: number, end: number): Promise<void> {
  for (let at = start; at < end; at += ZEROS.length) await file.write(ZEROS, 0, Math.min(ZEROS.length, end - at), at);
}

/**
 * Dimensions of a HEIC file's primary image, from its `ispe` property (and `irot`), without
 * decoding it: meta → pitm (which item is primary) and iprp → ipco (properties) + ipma (which
 * properties belong to which item).
 */
export async function heicSize(file: FileHandle): Promise<{ width: number; height: number } | null> {
  const { size } = await file.stat();
  const meta = (await children(file, 0, size)).find((b) => b.type === 'meta');
  if (!meta) return null;
  // `meta` is a full box: four bytes of version and flags before its children.
  const parts = await children(file, meta.body + 4, meta.end);
  const pitmBox = parts.find((b) => b.type === 'pitm');
  const iprp = parts.find((b) => b.type === 'iprp');
  const pitm = pitmBox ? await content(file, pitmBox) : null;
  if (!pitm || !iprp || pitm.length < 6) return null;
  const primary = pitm[0] === 0 ? pitm.readUInt16BE(4) : pitm.readUInt32BE(4);

  const propertyBoxes = await children(file, iprp.body, iprp.end);
  const ipco = propertyBoxes.find((b) => b.type === 'ipco');
  const ipmaBox = propertyBoxes.find((b) => b.type === 'ipma');
  const ipma = ipmaBox ? await content(file, ipmaBox) : null;
  if (!ipco || !ipma) return null;
  const properties = await children(file, ipco.body, ipco.end);
  const mine = associations(ipma, primary).map((index) => properties[index - 1]).filter(Boolean);

  const ispeBox = mine.find((b) => b.type === 'ispe');
  const ispe = ispeBox ? await content(file, ispeBox) : null;
  if (!ispe || ispe.length < 12) return null;
  const width = ispe.readUInt32BE(4);
  const height = ispe.readUInt32BE(8);
  const irotBox = mine.find((b) => b.type === 'irot');
  const irot = irotBox ? await content(file, irotBox) : null;
  const quarterTurns = irot?.length ? irot[0] & 3 : 0;
  return quarterTurns % 2 ? { width: height, height: width } : { width, height };
}

/** The 1-based property indexes `ipma` associates with an item. */
function associations(ipma: Buffer, itemId: number): number[] {
  const version = ipma[0];
  const wideIndexes = (ipma[3] & 1) === 1;
  let at = 4;
  const count = ipma.readUInt32BE(at);
  at += 4;
  for (let i = 0; i < count && at < ipma.length; i++) {
    const item = version < 1 ? ipma.readUInt16BE(at) : ipma.readUInt32BE(at);
    at += version < 1 ? 2 : 4;
    const n = ipma[at++];
    const indexes: number[] = [];
    for (let j = 0; j < n; j++) {
      // The top bit says "essential"; the rest is the index.
      indexes.push(wideIndexes ? ipma.readUInt16BE(at) & 0x7fff : ipma[at] & 0x7f);
      at += wideIndexes ? 2 : 1;
    }
    if (item === itemId) return indexes;
  }
  return [];
}
