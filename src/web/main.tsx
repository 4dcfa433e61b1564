import '@uswds/uswds/css/uswds.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App, appRoutes, createQueryClient } from './App.js';
import { createI18n, detectLanguage } from './i18n/index.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App
      router={createBrowserRouter(appRoutes)}
      queryClient={createQueryClient()}
      i18n={createI18n(detectLanguage())}
    />
  </StrictMode>,
);
