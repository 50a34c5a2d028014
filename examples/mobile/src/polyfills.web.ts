// Browsers have crypto.getRandomValues: nothing to add on the web (polyfills.ts is for phones).
export {};
