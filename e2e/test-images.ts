import { crc32, deflateSync } from 'node:zlib';
import type { Locator } from 'playwright-core';

// Images for the browser tests: real PNGs to upload, and a check that one came back decoded.

/** A real PNG, `size`×`size` pixels of one colour, so the browser has something to decode. */
export function pngOf(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The pixel width the browser decoded the image `image` names (0 until loaded): proof the bytes
 * came back through the signed URL as a picture. react-native-web draws an image as a background
 * and keeps an <img> inside for the browser to load; that one is measured.
 */
export function decodedWidth(image: Locator): () => Promise<number> {
  return () =>
    image.evaluate((element) => {
      const img = (element.tagName === 'IMG' ? element : element.querySelector('img')) as unknown as { complete: boolean; naturalWidth: number } | null;
      return img?.complete ? img.naturalWidth : 0;
    });
}
