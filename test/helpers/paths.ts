//! The repository root, from the compiled tests in out/test/**.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
