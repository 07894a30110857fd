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
