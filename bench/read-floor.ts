//! What any Node.js linter pays before analysing anything: walk a tree and read every file the CLI would lint, and
//! search its bytes for `://`, on one thread, with the CLI's own walk and read (server/src/node/files.ts) and no
//! decoding (as the CLI's prefilter does). The bench times this whole process next to `transport-lint` and `rg` to
//! show how much of the gap to `rg` is the runtime's, not the analysis'.
import { normalizeSettings } from '../server/src/engine/index';
import { filterOf, readTextSync, walk } from '../server/src/node/files';

const settings = normalizeSettings({});
let files = 0;
let hits = 0;
for (const file of walk(process.argv[2]!, filterOf(settings))) {
	files++;
	readTextSync(file, settings.maxFileSize, (view) => {
		if (view.indexOf('://') >= 0) hits++;
		return false;
	});
}
console.log(`${files} files, ${hits} with ://`);
