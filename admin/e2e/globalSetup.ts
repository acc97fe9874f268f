/** Before the browser suite: Chromium must be installed, and the console built. */
import { existsSync } from 'node:fs';
import { ensureSpaBuilt } from '../../scripts/spaBuild';
import { CHROMIUM_PATH } from './browser';

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser suite needs Debian's Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (never \`npx playwright install\`).`,
    );
  }
  ensureSpaBuilt();
}
