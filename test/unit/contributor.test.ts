// The contributor path of CONTRIBUTING.md holds together: the debug configurations attach where the client listens,
// the tasks they start exist, and every npm script the guide names is defined.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse, type ParseError } from 'jsonc-parser';
import { ROOT } from '../helpers/paths';

function jsonc(file: string): Record<string, unknown> {
	const errors: ParseError[] = [];
	const value = parse(readFileSync(path.join(ROOT, file), 'utf8'), errors, { allowTrailingComma: false }) as Record<
		string,
		unknown
	>;
	assert.deepEqual(errors, [], `${file} parses`);
	return value;
}

interface Launch {
	name: string;
	type: string;
	request: string;
	port?: number;
	preLaunchTask?: string;
	args?: string[];
}

test('"Attach to Server" attaches to the port the client opens in debug mode; "Launch Extension" builds first', () => {
	const launch = jsonc('.vscode/launch.json') as {
		configurations: Launch[];
		compounds: { configurations: string[] }[];
	};
	const byName = new Map(launch.configurations.map((c) => [c.name, c]));
	const attach = byName.get('Attach to Server');
	const extension = byName.get('Launch Extension');
	assert.ok(attach && extension);
	const client = readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
	const inspect = /--inspect=(\d+)/.exec(client);
	assert.ok(inspect, 'the client starts the server with --inspect=<port> in debug mode');
	assert.equal(attach.port, Number(inspect[1]));
	assert.equal(extension.type, 'extensionHost');
	assert.ok(extension.args?.includes('--extensionDevelopmentPath=${workspaceFolder}'));
	const tasks = jsonc('.vscode/tasks.json') as { tasks: { type: string; script: string }[] };
	const scripts = (
		JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
	).scripts;
	for (const c of launch.configurations) {
		if (!c.preLaunchTask) continue;
		const script = c.preLaunchTask.replace(/^npm: /, '');
		assert.ok(
			tasks.tasks.some((t) => t.type === 'npm' && t.script === script),
			`${c.name}: task ${c.preLaunchTask}`,
		);
		assert.ok(scripts[script], `npm run ${script}`);
	}
	for (const compound of launch.compounds)
		for (const name of compound.configurations) assert.ok(byName.has(name), name);
});

test('every `npm run <script>` CONTRIBUTING.md and the README name is defined', () => {
	const scripts = (
		JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
	).scripts;
	for (const doc of ['CONTRIBUTING.md', 'README.md']) {
		const text = readFileSync(path.join(ROOT, doc), 'utf8');
		const named = [...text.matchAll(/npm run (?:-s )?([a-z][a-z0-9:-]*)/g)].map((m) => m[1]!);
		assert.ok(named.length > 0, doc);
		for (const s of named) assert.ok(scripts[s], `${doc} names npm run ${s}`);
	}
});
