import * as Location from 'expo-location';
import { useEffect, useState } from 'react';

export type DeviceLocation =
  | { state: 'asking' }
  | { state: 'allowed'; lat: number; lng: number }
  | { state: 'refused'; reason: string };

/** A position this old is good enough to find tasks nearby: no need to wake the GPS. */
const MAX_LAST_KNOWN_AGE_MS = 10 * 60_000;

/**
 * The device's position, asked for once when a screen that needs it opens. The person may refuse
 * (or the device may have no fix): the screens then let them type a place.
 */
export function useDeviceLocation(): DeviceLocation {
  const [location, setLocation] = useState<DeviceLocation>({ state: 'asking' });
  useEffect(() => {
    let cancelled = false;
    void locate().then((found) => {
      if (!cancelled) setLocation(found);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return location;
}

async function locate(): Promise<DeviceLocation> {
  try {
    const permission = await Location.requestForegroundPermissionsAsync();
    if (!permission.granted) return { state: 'refused', reason: 'Location is not allowed for this app.' };
    const position =
      (await Location.getLastKnownPositionAsync({ maxAge: MAX_LAST_KNOWN_AGE_MS })) ??
      (await Location.getCurrentPositionAsync({ accuracy: Location.Accuracy.Balanced }));
    return { state: 'allowed', lat: position.coords.latitude, lng: position.coords.longitude };
  } catch (err) {
    return { state: 'refused', reason: `The location is not available: ${err instanceof Error ? err.message : String(err)}` };
  }
}
