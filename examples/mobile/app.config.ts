import type { ExpoConfig } from 'expo/config';

// The app's configuration, read by Expo when the dev server starts or the app is exported.
// SX_API_URL is the gateway's GraphQL URL the app talks to; on a phone, `localhost` is the phone
// itself, so point it at the computer running `npm start` (e.g. http://192.168.1.20:4000/graphql).
const apiUrl = process.env.SX_API_URL ?? 'http://localhost:4000/graphql';

const config: ExpoConfig = {
  name: 'Service Exchange',
  slug: 'service-exchange',
  version: '0.1.0',
  orientation: 'portrait',
  userInterfaceStyle: 'light',
  ios: {
    bundleIdentifier: 'com.example.serviceexchange',
    infoPlist: { NSLocationWhenInUseUsageDescription: 'Shows tasks near you and places new tasks where you are.' },
  },
  android: {
    package: 'com.example.serviceexchange',
    permissions: ['ACCESS_COARSE_LOCATION', 'ACCESS_FINE_LOCATION'],
  },
  web: { bundler: 'metro', output: 'single' },
  plugins: [
    'expo-secure-store',
    ['expo-location', { locationWhenInUsePermission: 'Shows tasks near you and places new tasks where you are.' }],
    // Receipts of shared expenses are picked from the photo library; the camera is not used.
    ['expo-image-picker', { photosPermission: 'Lets you attach a photo of a receipt to a shared expense.', cameraPermission: false, microphonePermission: false }],
  ],
  extra: { apiUrl },
  // tsconfig's `paths` are for the type checker only (they point `react` at this app's types);
  // Metro resolves the workspace packages itself (metro-resolver.js).
  experiments: { tsconfigPaths: false },
};

export default config;
