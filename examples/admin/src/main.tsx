import './app.css';
import { SxProvider } from '@sx/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CONFIG_PROBLEM } from '../../web/src/config';
import { App } from './app';
import { sx } from './sx-client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <h1>Service Exchange · admin</h1>
    {CONFIG_PROBLEM ? (
      <p role="alert">{CONFIG_PROBLEM}</p>
    ) : (
      <SxProvider client={sx}>
        <App />
      </SxProvider>
    )}
  </StrictMode>,
);
