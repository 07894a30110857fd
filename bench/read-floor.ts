//! What any Node.js linter pays before analysing anything: walk a tree and read and decode every file the CLI would
//! lint, on one thread, with the CLI's own walk and read (server/src/node/files.ts). The bench times this whole process
//! next to `transport-lint` and `rg` to show how much of the gap to `rg` is the runtime's, not the analysis'.
import { normalizeSettings } from '../server/src/engine/index';
import { filterOf, readTextSync, walk } from '../server/src/node/files';

const settings = normalizeSettings({});
let files = 0;
let units = 0;
for (const file of walk(process.argv[2]!, filterOf(settings))) {
	const read = readTextSync(file, settings.maxFileSize);
	files++;
	if ('text' in read) units += read.text.length;
}
console.log(`${files} files, ${units} UTF-16 code units`);
