//! The language server's workspace index: which files its cross-file pass reads, and which it says to analyse again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/engine/index';
import { notedOf, ProjectIndex } from '../../server/src/lsp/project-index';
import { symbolsOf } from '../../server/src/node/symbol-pass';

function note(index: ProjectIndex, files: Record<string, string>): void {
	for (const [uri, text] of Object.entries(files))
		index.noted(uri, uri, notedOf(analyze(text, 'php', undefined, undefined, undefined, index.symbols)));
}

async function pass(index: ProjectIndex, files: Record<string, string>): Promise<{ read: string[]; again: string[] }> {
	const read: string[] = [];
	const again = await index.pass(Object.keys(files), (uris, wanted, calls) =>
		uris.map((uri) => (read.push(uri), symbolsOf(files[uri]!, wanted, calls))),
	);
	return { read, again };
}

test('a workspace whose sinks need nothing from other files is not read again', async () => {
	const files = {
		'a.php': "<?php fsockopen('tcp://h', 80); stream_socket_client($u, $n, $s, 5, STREAM_CLIENT_CONNECT);",
		'b.php': "<?php class B { const U = 'tcp://b:1'; }",
	};
	const index = new ProjectIndex();
	note(index, files);
	assert.deepEqual(await pass(index, files), { read: [], again: [] });
});

test('a needed name: every PHP file is read, and the file that needs it is analysed again', async () => {
	const files = {
		'a.php': '<?php fsockopen(Config::URL, -1);',
		'Config.php': "<?php class Config { const URL = 'ssl://mx.example.org:25'; }",
	};
	const index = new ProjectIndex();
	note(index, files);
	assert.deepEqual(await pass(index, files), { read: ['a.php', 'Config.php'], again: ['a.php'] });
	const findings = analyze(files['a.php'], 'php', undefined, undefined, undefined, index.symbols).findings;
	assert.deepEqual(
		findings.map((f) => f.ruleId),
		['tls-port-mismatch'],
	);
	// Once nothing needs it, the next pass reads nothing and drops what it had read.
	const fixed = { ...files, 'a.php': "<?php fsockopen('tcp://h', 80);" };
	note(index, { 'a.php': fixed['a.php'] });
	assert.deepEqual(await pass(index, fixed), { read: [], again: [] });
	assert.equal(index.symbols.answers('Config::URL'), false);
});
