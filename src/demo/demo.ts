/**
 * The demo dialogue: the inaugural meeting of the U.S.-China Commercial Issues
 * Working Group (Washington, 4 April 2024) with both sides' accounts, kept in
 * the project as a parley-dialogue/1 bundle.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEMO_BUNDLE_PATH = fileURLToPath(new URL('./us-cn-ciwg.json', import.meta.url));
export const DEMO_DIALOGUE_KEY = 'us-cn-ciwg';

export function readDemoBundle(): string {
  return fs.readFileSync(DEMO_BUNDLE_PATH, 'utf8');
}
