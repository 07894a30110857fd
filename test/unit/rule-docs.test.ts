// The code blocks of each rule page are run, as ESLint runs its documentation's examples: under "## Incorrect" every
// example (a line that is a whole statement, else a paragraph) is flagged by the page's rule, and together they say
// every message the rule declares (`meta.messages`); under "## Correct" no block is. A block's language (php,
// dotenv, ini, yaml, json, xml, neon, toml) is its file kind; an HTML comment right before a block may give what the
// example assumes: `<!-- example: {"settings": {...}, "project": {"packages": {...}}} -->`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, normalizeSettings, RULES, type FileKind } from '../../server/src/engine/index';
import { ROOT } from '../helpers/paths';
import { examples } from '../helpers/rule-docs';

/**
 * The examples of a block, as [start, end) offsets. In PHP, each line when every line of its paragraph (blank-line
 * separated) is a statement by itself and none sets a property, an index or a constant (a PHPMailer set-up, a
 * `$config[...]` file, wp-config.php's define()s are read as a whole);
 * otherwise, and in config files (a port and its encryption are separate settings), the paragraph.
 */
function units(code: string, kind: FileKind): [number, number][] {
	const out: [number, number][] = [];
	const comment = /^\s*(\/\/|#)/;
	for (const p of code.matchAll(/\S[\s\S]*?(?=\n[ \t]*\n|$)/g)) {
		const lines = [...p[0].matchAll(/[^\n]+/g)].filter((l) => !comment.test(l[0]));
		// A property, an index (`$config['smtp_port'] = 465;`) or a define() is one setting of a group: read as a whole.
		const single =
			kind === 'php' &&
			lines.every((l) => /;\s*(\/\/.*)?$/.test(l[0]) && !/^\s*(\$\w+(->\w+|\[[^\]]*\])+\s*=|define\s*\()/.test(l[0]));
		if (single) for (const l of lines) out.push([p.index + l.index, p.index + l.index + l[0].length]);
		else out.push([p.index, p.index + p[0].length]);
	}
	return out;
}

for (const rule of RULES) {
	const id = rule.meta.id;
	test(`docs/rules/${id}.md: Incorrect examples are flagged by ${id}, Correct ones are not`, () => {
		const page = readFileSync(path.join(ROOT, 'docs/rules', `${id}.md`), 'utf8');
		const found = examples(page);
		const said = new Set<string>();
		assert.ok(
			found.some((e) => e.section === 'Incorrect'),
			'the page has an "## Incorrect" block',
		);
		assert.ok(
			found.some((e) => e.section === 'Correct'),
			'the page has a "## Correct" block',
		);
		for (const e of found) {
			const prefix = e.kind === 'php' && !e.code.includes('<?php') ? '<?php\n' : '';
			const text = prefix + e.code;
			const result = analyze(text, e.kind, normalizeSettings(e.settings ?? {}), e.project);
			assert.deepEqual(result.errors, [], `line ${e.line}`);
			const mine = result.findings.filter((f) => f.ruleId === id);
			if (e.section === 'Correct') {
				assert.deepEqual(
					mine.map((f) => text.slice(f.start, f.end) + ': ' + f.message),
					[],
					`the Correct block at line ${e.line} is not flagged`,
				);
				continue;
			}
			for (const f of mine) said.add(f.messageId);
			for (const [from, to] of units(e.code, e.kind)) {
				const at = (o: number) => o - prefix.length;
				assert.ok(
					mine.some((f) => at(f.start) < to && at(f.end) > from),
					`the Incorrect block at line ${e.line} is flagged on ${JSON.stringify(e.code.slice(from, to))}`,
				);
			}
		}
		assert.deepEqual(
			Object.keys(rule.meta.messages).filter((m) => !said.has(m)),
			[],
			'every message of the rule is said by an Incorrect example',
		);
	});
}
