/**
 * Vitest setup for the component tests: unmount between tests (Testing
 * Library only does it by itself when test globals are on) and give jsdom the
 * few browser functions it lacks.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The first render of a page loads its code and catalogues: on a busy CI machine that
// takes more than Testing Library's default second. Waiting longer changes no result.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

// react-router's ScrollRestoration scrolls on navigation; jsdom has no layout and no scrollTo.
window.scrollTo = () => undefined;
