import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, normalizeSettings, RULES, type FileKind, type ProjectFacts } from '../../server/src/engine/index';
import { formatMessage } from '../../server/src/engine/rules/rule';
import { ROOT } from '../helpers/paths';
import { examples } from '../helpers/rule-docs';

const ids = RULES.map((r) => r.meta.id).sort();
const names = (dir: string, ext: string) =>
	readdirSync(path.join(ROOT, dir))
		.filter((f) => f.endsWith(ext))
		.map((f) => f.slice(0, -ext.length))
		.sort();

test('one rule = one file = one test file = one docs page', () => {
	assert.deepEqual(
		names('server/src/engine/rules', '.ts').filter((n) => n !== 'index' && n !== 'rule'),
		ids,
	);
	assert.deepEqual(names('test/unit/engine/rules', '.test.ts'), ids);
	assert.deepEqual(names('docs/rules', '.md'), ids);
});

test('rule ids are kebab-case and unique, and each docs page opens with its id and severity', () => {
	assert.equal(new Set(ids).size, ids.length);
	for (const r of RULES) {
		assert.match(r.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
		const page = readFileSync(path.join(ROOT, 'docs/rules', `${r.meta.id}.md`), 'utf8');
		assert.ok(page.startsWith(`# ${r.meta.id}\n`), r.meta.id);
		assert.match(page, new RegExp(`\\*\\*Severity:\\*\\* ${r.meta.defaultSeverity}`), r.meta.id);
	}
});

test('every rule file opens with a doc comment naming what PHP does', () => {
	for (const r of RULES) {
		const src = readFileSync(path.join(ROOT, 'server/src/engine/rules', `${r.meta.id}.ts`), 'utf8');
		assert.match(src, /^\/\/! /, r.meta.id);
	}
});

test('package.json offers a severity setting for every rule, and the README lists every rule', () => {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const config = pkg.contributes.configuration;
	const sections = Array.isArray(config) ? config : [config];
	const rules = sections
		.map((s: { properties: Record<string, unknown> }) => s.properties['transportLint.rules'])
		.find(Boolean) as {
		properties: Record<string, unknown>;
	};
	assert.deepEqual(Object.keys(rules.properties).sort(), [...ids].sort());
	// The settings editor's dropdown: each rule's summary and default, each severity described.
	for (const r of RULES) {
		const p = rules.properties[r.meta.id] as {
			enum: string[];
			enumDescriptions: string[];
			markdownDescription: string;
		};
		assert.deepEqual(p.enum, ['off', 'hint', 'info', 'warning', 'error'], r.meta.id);
		assert.equal(p.enumDescriptions.length, p.enum.length, r.meta.id);
		assert.equal(p.markdownDescription, `${r.meta.summary} Default: \`${r.meta.defaultSeverity}\`.`, r.meta.id);
	}
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	for (const id of ids) assert.ok(readme.includes(`(docs/rules/${id}.md)`), `README links ${id}`);
});

/** What the rules are measured on: the transports corpus in each socket call, the real-world reports, the rule pages. */
function samples(): { kind: FileKind; text: string; project?: ProjectFacts; settings?: unknown }[] {
	const out: { kind: FileKind; text: string; project?: ProjectFacts; settings?: unknown }[] = [];
	const FN = { client: 'stream_socket_client', fsockopen: 'fsockopen', server: 'stream_socket_server' } as const;
	const jsonl = (file: string) =>
		readFileSync(path.join(ROOT, file), 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
	for (const e of jsonl('test/corpus/transports.jsonl') as { fn: keyof typeof FN; target: string; port?: number }[]) {
		const target = e.target.replace(/[\\']/g, (c) => '\\' + c);
		out.push({ kind: 'php', text: `<?php\n${FN[e.fn]}('${target}'${e.port !== undefined ? `, ${e.port}` : ''});\n` });
	}
	for (const e of jsonl('test/corpus/reports.jsonl') as { kind: FileKind; text: string }[])
		out.push({ kind: e.kind, text: e.kind === 'php' && !e.text.includes('<?') ? `<?php ${e.text}` : e.text });
	for (const id of ids)
		for (const e of examples(readFileSync(path.join(ROOT, 'docs/rules', `${id}.md`), 'utf8')))
			out.push({ ...e, text: e.kind === 'php' && !e.code.includes('<?') ? `<?php\n${e.code}` : e.code });
	return out;
}

test("each rule's declared fixes (always | sometimes | none) is what it produces on the corpora and its page", () => {
	const withFix = new Map<string, number>();
	const without = new Map<string, number>();
	for (const s of samples())
		for (const f of analyze(s.text, s.kind, normalizeSettings(s.settings ?? {}), s.project).findings) {
			const m = f.fixes.length ? withFix : without;
			m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
		}
	for (const r of RULES) {
		const id = r.meta.id;
		const yes = withFix.get(id) ?? 0;
		const no = without.get(id) ?? 0;
		assert.ok(yes + no > 0, `${id} fires somewhere in the samples`);
		const seen = yes && no ? 'sometimes' : yes ? 'always' : 'none';
		assert.equal(r.meta.fixes, seen, `${id}: ${yes} findings with fixes, ${no} without`);
	}
});

test('a message is one or two sentences, at most 160 characters; the long story is in `detail`', () => {
	const long: string[] = [];
	for (const s of samples())
		for (const f of analyze(s.text, s.kind, normalizeSettings(s.settings ?? {}), s.project).findings) {
			if (f.message.length > 160) long.push(`${f.ruleId} (${f.message.length}): ${f.message}`);
			if (f.detail !== undefined) assert.ok(f.detail.length > f.message.length, `${f.ruleId}: a detail says more`);
		}
	assert.deepEqual(long, []);
});

test("the editor's context menu has one Transport Lint submenu, shown on a URL that can be tested, in trusted workspaces", () => {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const menus = pkg.contributes.menus as Record<string, { command?: string; submenu?: string; when?: string }[]>;
	assert.deepEqual(menus['editor/context'], [
		{
			submenu: 'transportLint.context',
			when: 'isWorkspaceTrusted && transportLint.onTarget',
			group: 'transportLint@1',
		},
	]);
	assert.deepEqual(pkg.contributes.submenus, [{ id: 'transportLint.context', label: 'Transport Lint' }]);
	assert.deepEqual(
		menus['transportLint.context']!.map((m) => m.command),
		['transportLint.testConnection', 'transportLint.testConnectionStarttls', 'transportLint.testConnectionWithPhp'],
	);
	for (const c of pkg.contributes.commands as { command: string; category?: string }[])
		assert.equal(c.category, 'Transport Lint', `${c.command} is listed under Transport Lint`);
});

test('every setting can be edited in the Settings editor: one type each, no string-or-null that sends users to settings.json', () => {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const config = pkg.contributes.configuration;
	const sections = Array.isArray(config) ? config : [config];
	for (const s of sections as { properties: Record<string, { type: unknown; default?: unknown }> }[])
		for (const [key, p] of Object.entries(s.properties)) {
			assert.equal(typeof p.type, 'string', `${key} has one type`);
			assert.notEqual(p.default, null, `${key} has a default the editor can show`);
		}
});

test("a message's {{name}}s are filled from the finding's data; a name without data, or data without a name, is the rule's bug", () => {
	assert.equal(formatMessage('Port {{port}} on {{host}}.', { port: 587, host: 'h' }), 'Port 587 on h.');
	assert.equal(formatMessage('No data.'), 'No data.');
	assert.throws(() => formatMessage('Port {{port}}.', {}), /no data for \{\{port\}\}/);
	assert.throws(() => formatMessage('Port.', { port: 1 }), /has no \{\{port\}\}/);
	// An undefined value is not given: one data serves a message with and without it (`tlsToPlainPort[Twin]`).
	assert.equal(formatMessage('Port.', { port: undefined }), 'Port.');
	assert.throws(() => formatMessage('Port {{port}}.', { port: undefined }), /no data for \{\{port\}\}/);
	for (const r of RULES) {
		assert.ok(Object.keys(r.meta.messages).length > 0, `${r.meta.id} declares its messages`);
		for (const [id, template] of Object.entries(r.meta.messages)) {
			assert.match(id, /^[a-z][A-Za-z0-9_]*$/, `${r.meta.id}: message id ${id}`);
			assert.doesNotMatch(
				template.replace(/\{\{\w+\}\}/g, ''),
				/\{\{|\}\}/,
				`${r.meta.id}.${id}: a malformed {{name}}`,
			);
		}
	}
});

test("a setting's description names another setting only as a link (#transportLint.x#) to a setting that exists", () => {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const config = pkg.contributes.configuration;
	const sections = (Array.isArray(config) ? config : [config]) as {
		properties: Record<string, { markdownDescription?: string; description?: string }>;
	}[];
	const keys = new Set(sections.flatMap((s) => Object.keys(s.properties)));
	for (const s of sections)
		for (const [key, p] of Object.entries(s.properties)) {
			const text = p.markdownDescription ?? p.description ?? '';
			for (const m of text.matchAll(/(#?)(transportLint\.[\w.]+?)(#?)(?=[^\w.]|$)/g)) {
				assert.equal(`${m[1]}${m[3]}`, '##', `${key}: "${m[2]}" is written as a link, #${m[2]}#`);
				assert.ok(keys.has(m[2]!), `${key}: links ${m[2]}, a setting that exists`);
			}
		}
});
