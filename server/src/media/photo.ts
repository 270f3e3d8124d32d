import exifReader from 'exif-reader';
import pLimit from 'p-limit';
import sharp from 'sharp';

// Each upload is read once: libvips' cache of recent operations would only hold memory and files.
sharp.cache(false);

/** Long side of a thumbnail, in pixels: sharp enough for a list on a phone's screen. */
const THUMBNAIL_SIZE = 480;
/** EXIF times carry no zone (OffsetTimeOriginal aside): the campaign's photos are taken in China. */
const CHINA_OFFSET = '+08:00';

export interface PhotoFacts {
  /** As displayed, after the EXIF orientation. */
  width: number;
  height: number;
  capturedAt: Date | null;
  gps: { latitude: number; longitude: number } | null;
}

/** Photos' pixel cap, and how many photos one process decodes at once. */
export interface PhotoLimits {
  maxPixels: number;
  decodesAtOnce: number;
}

/** Reads JPEG and PNG files: their headers, and their pixels for thumbnails, within the limits. */
export class Photos {
  /**
   * Decoding costs memory and CPU in proportion to the pixels (about 96 MB and 6 s for a
   * 16,000 × 16,000 PNG): a few decodes at once, the others queued, so that a burst of large photos
   * cannot exhaust the process's memory.
   */
  private readonly decoding: pLimit.Limit;

  constructor(private readonly limits: PhotoLimits) {
    this.decoding = pLimit(limits.decodesAtOnce);
  }

  /**
   * What the file says about itself, from its headers only (no pixel is decoded, so no cap applies:
   * the dimensions of a photo over it are what the refusal names); null when it is not an image.
   */
  async facts(path: string): Promise<PhotoFacts | null> {
    const metadata = await sharp(path, { limitInputPixels: false })
      .metadata()
      .catch(() => null);
    if (!metadata?.width || !metadata.height) return null;
    const exif = metadata.exif ? readExif(metadata.exif) : null;
    const { width, height } = metadata.autoOrient ?? metadata;
    return {
      width,
      height,
      capturedAt: exif ? captureTime(exif) : null,
      gps: exif ? position(exif) : null,
    };
  }

  /**
   * A JPEG thumbnail, turned upright, on white where the photo was transparent. Damaged pixel data
   * still gives a thumbnail (the original is kept as it came): only unreadable metadata fails, and
   * that was refused before. The pixel cap is checked on the headers before; libvips holds to it too.
   */
  thumbnail(path: string): Promise<Buffer> {
    return this.decoding(() =>
      sharp(path, { failOn: 'none', limitInputPixels: this.limits.maxPixels })
        .autoOrient()
        .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
  }

  /**
   * The photo written again to `destination` in its own format with no metadata at all: sharp keeps
   * none unless asked (no EXIF, XMP, IPTC, ICC profile, comment or PNG text). Turned upright first,
   * as no Orientation tag is left to say how. Damaged pixel data is written as it decodes, as the
   * thumbnail is.
   */
  async withoutMetadata(path: string, destination: string, format: 'jpeg' | 'png'): Promise<void> {
    await this.decoding(() => {
      const image = sharp(path, { failOn: 'none', limitInputPixels: this.limits.maxPixels }).autoOrient();
      return (format === 'jpeg' ? image.jpeg({ quality: 90, mozjpeg: false }) : image.png()).toFile(destination);
    });
  }
}

function readExif(raw: Buffer): exifReader.Exif | null {
  try {
    return exifReader(raw);
  } catch {
    return null; // a photo with unreadable EXIF is still a photo
  }
}

function captureTime(exif: exifReader.Exif): Date | null {
  // exif-reader reads the wall-clock time as if it were UTC; its digits are what the camera showed.
  const wallClock = exif.Photo?.DateTimeOriginal;
  if (!(wallClock instanceof Date) || Number.isNaN(wallClock.getTime())) return null;
  // `0000:00:00 00:00:00`, EXIF for "unknown", comes out in 1899.
  if (wallClock.getUTCFullYear() < 1970) return null;
  const offset = exif.Photo?.OffsetTimeOriginal;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : CHINA_OFFSET;
  return new Date(`${wallClock.toISOString().slice(0, 19)}${zone}`);
}

/** GPS position in decimal degrees, south and west negative. */
function position(exif: exifReader.Exif): PhotoFacts['gps'] {
  const gps = exif.GPSInfo;
  const latitude = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, 'S');
  const longitude = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, 'W');
  if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

/** Degrees, minutes, seconds (each a rational, some cameras give only the first) to signed degrees. */
function degrees(parts: unknown, ref: unknown, negative: 'S' | 'W'): number | null {
  if (!Array.isArray(parts) || parts.length === 0) return null;
  const [d, m = 0, s = 0] = parts as number[];
  const value = d + m / 60 + s / 3600;
  if (!Number.isFinite(value)) return null;
  return typeof ref === 'string' && ref.trim().toUpperCase() === negative ? -value : value;
}
