import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { CONFIG_PROBLEM } from './config';
import { SessionProvider } from './session';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <h1>Service Exchange</h1>
    {CONFIG_PROBLEM ? (
      <p role="alert">{CONFIG_PROBLEM}</p>
    ) : (
      <SessionProvider>
        <App />
      </SessionProvider>
    )}
  </StrictMode>,
);
