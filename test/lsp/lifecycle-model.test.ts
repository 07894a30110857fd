//! The language server's life with a workspace, against a model (issue 26): random sequences of editor and file
//! system commands, each step compared with the engine's verdicts computed from scratch. A short budget here; the
//! long run is `npm run fuzz:lifecycle` (docs/fuzzing.md). Shrunk failures found by it are the fixed tests below.
import { test } from 'node:test';
import { Close, Composer, Delete, Folder, Open, Rename, Restart, Write } from '../lifecycle/commands';
import { newWorld, runModel } from '../lifecycle/run';

test('random sequences of editor and file system commands: every server agrees with the reference after each step', async () => {
	await runModel({ seed: 20261202, runs: 12, maxCommands: 25 });
});

/** Runs fixed steps in a fresh world, checking after each (what fc.asyncModelRun does with a shrunk sequence). */
async function steps(...cmds: { run(m: unknown, r: unknown): Promise<void>; check(m: unknown): boolean }[]) {
	const world = await newWorld();
	try {
		await world.check();
		for (const c of cmds) if (c.check(world)) await c.run(world, world);
	} finally {
		await world.dispose();
	}
}

test('a file open while the workspace scan runs, then closed, shows its saved problems (the close-file bug)', async () => {
	// The restarted server gets the open document right after `initialized`, while its scan runs.
	await steps(new Open(0, 'a/x.php'), new Restart(0), new Close(0, 'a/x.php'));
});

// Sequences the model found (shrunk), each a bug fixed in the server.
test('a constant file deleted while another window holds its user open: the user loses the finding', async () => {
	// The cross-file pass compared the index's answers before and after itself, not with what each file saw.
	await steps(
		new Open(1, 'a/lib/Net.php'),
		new Delete('a/Config.php', 'later'),
		new Open(0, 'a/lib/Net.php'),
		new Delete('a/lib/Net.php', 'now'),
	);
});

test('an open document deleted on disk keeps the problems of its text, with its version', async () => {
	await steps(new Open(0, 'a/x.php'), new Delete('a/x.php', 'now'));
});

test('an open document outside the folders that calls a function passing a value on gets its finding', async () => {
	// After a restart the document came before the scan found the function; the cross-file pass read only files on
	// disk, so the open document was never analysed again.
	await steps(new Open(0, 'b/w.php'), new Open(0, 'a/Config.php'), new Restart(0));
});

test('a constant defined the same way in two files is named by the first file by name', async () => {
	await steps(new Composer('v8.83.27', 'later'), new Write('a/x.php', 4, 'now'));
});

test('a folder added with a second definition makes the constant unknown; removed, known again', async () => {
	// The index said whether a need was answered, not what the answer was; and an open file of a removed folder
	// kept offering its saved constants.
	await steps(new Write('b/w.php', 5, 'now'), new Open(0, 'b/w.php'), new Folder(0, true), new Folder(0, false));
});

test('an open file whose saved text defines a constant its editor text uses: the answer changes for it too', async () => {
	// A file changed on disk re-analysed the files that need its constants, all but itself.
	await steps(new Open(0, 'a/y.php'), new Write('a/y.php', 5, 'now'));
});

test('an excluded file opened and closed: what it offered while open is gone once closed', async () => {
	// Found by the long run (seed 20261204, ~14,000 steps): closing a file that is not a workspace file (here moved into
	// vendor/, excluded) left its function that passes a value on to fsockopen() in the index, so another window kept
	// a finding made from it.
	await steps(
		new Rename('a/lib/Net.php', 'a/vendor/v.php', 'now'),
		new Open(1, 'a/vendor/v.php'),
		new Close(1, 'a/vendor/v.php'),
	);
});
