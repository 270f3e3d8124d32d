import QRCode from 'qrcode';
import sharp from 'sharp';

/** About this many pixels a side: each module gets a whole number of pixels, so edges stay sharp. */
const SIDE = 320;
/** The quiet zone around the code, in modules. */
const MARGIN = 1;

/**
 * A QR code of `text` as a PNG data URL (PNG: weapp's <image> shows PNG data URLs, not SVG ones).
 * qrcode lays out the modules; sharp writes the PNG on libuv's thread pool. qrcode's own PNG
 * writer (pngjs, JavaScript on the event loop) took twice the CPU, and over 1 s a code under Jest.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const { size, data } = QRCode.create(text).modules;
  const scale = Math.max(1, Math.floor(SIDE / (size + 2 * MARGIN)));
  const side = (size + 2 * MARGIN) * scale;
  const pixels = Buffer.alloc(side * side, 255);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (!data[row * size + column]) continue;
      const left = (column + MARGIN) * scale;
      for (let y = (row + MARGIN) * scale; y < (row + MARGIN + 1) * scale; y++) pixels.fill(0, y * side + left, y * side + left + scale);
    }
  }
  // Black and white only: a 1-bit palette keeps the image under 1 KB.
  const png = await sharp(pixels, { raw: { width: side, height: side, channels: 1 } }).png({ palette: true, colours: 2 }).toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
