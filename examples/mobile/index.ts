// Entry point: the polyfills first (the SDK's idempotency keys need crypto.getRandomValues).
import './src/polyfills';
import { registerRootComponent } from 'expo';
import { App } from './src/app';

registerRootComponent(App);
