import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/engine/index';
import { ROOT } from '../helpers/paths';

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
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	for (const id of ids) assert.ok(readme.includes(`(docs/rules/${id}.md)`), `README links ${id}`);
});
