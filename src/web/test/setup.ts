/**
 * Vitest setup for the component tests: unmount between tests (Testing
 * Library only does it by itself when test globals are on) and give jsdom the
 * few browser functions it lacks.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

// react-router's ScrollRestoration scrolls on navigation; jsdom has no layout and no scrollTo.
window.scrollTo = () => undefined;
