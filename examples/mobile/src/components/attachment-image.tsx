import { Image } from 'react-native';

/** A photo from its signed download URL (already made absolute), named for screen readers. */
export function AttachmentImage({ src, label, size = 120 }: { src: string; label: string; size?: number }) {
  return <Image source={{ uri: src }} alt={label} aria-label={label} role="img" resizeMode="cover" style={{ width: size, height: size, borderRadius: 8 }} />;
}
