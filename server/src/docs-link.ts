//! Where the rule pages are: docs/rules/ ships beside server/out/ (in the repository, the .vsix and the npm package).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DOCS_BASE = pathToFileURL(path.resolve(__dirname, '..', '..', 'docs', 'rules')).href + '/';
