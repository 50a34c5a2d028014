import * as ImagePicker from 'expo-image-picker';

/** A photo picked for a receipt: its bytes to upload, and a local URI to preview it by. */
export interface PickedPhoto {
  file: Blob;
  previewUri: string;
}

/**
 * Lets the person pick a photo from their library (a file chooser on the web) and reads its bytes.
 * Null when they cancel or refuse access. The server decides the type from the bytes, so what
 * the picker says about the file is not trusted for anything.
 */
export async function pickReceiptPhoto(): Promise<PickedPhoto | null> {
  const permission = await ImagePicker.requestMediaLibraryPermissionsAsync();
  if (!permission.granted) return null;
  const result = await ImagePicker.launchImageLibraryAsync({ mediaTypes: ['images'], quality: 0.8 });
  const asset = result.canceled ? undefined : result.assets[0];
  if (!asset) return null;
  // The web gives the chosen File itself; on a phone the asset is a local file:// URI, which
  // React Native's fetch reads into a Blob.
  const file = asset.file ?? (await (await fetch(asset.uri)).blob());
  return { file, previewUri: asset.uri };
}
