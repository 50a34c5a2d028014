/** The content types an attachment may have; each is recognised by its first bytes, never by a name or header. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Photos (task photos) take images only; receipts and bills also take PDFs. */
export const IMAGE_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];
export const DOCUMENT_TYPES: readonly AttachmentType[] = [...IMAGE_TYPES, 'application/pdf'];

/** Bytes sniffContentType needs at most (the HEIC brand ends at byte 12). */
export const SNIFF_BYTES = 16;

const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));
const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);

// ISO-BMFF major brands of HEIF images coded with HEVC (what phones write); AVIF and plain
// `mif1` are left out: a browser shows them differently and we do not promise them.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);

/**
 * What the file is, from its magic bytes (the WHATWG MIME Sniffing signatures, plus HEIC's
 * `ftyp` box), or null when it is none of the accepted types. An HTML page named photo.jpg is null.
 */
export function sniffContentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(bytes, 8, 12))) return 'image/heic';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** The usual file extension of a type, for the download's suggested file name. */
export function extensionOf(type: AttachmentType): string {
  const byType: Record<AttachmentType, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/webp': 'webp',
    'image/heic': 'heic',
    'application/pdf': 'pdf',
  };
  return byType[type];
}

export function isAttachmentType(value: string): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value);
}
