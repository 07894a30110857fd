//! The code blocks of the rule pages (docs/rules/*.md) under "## Incorrect" and "## Correct", with what each example
//! assumes (an `<!-- example: {"settings": …, "project": …} -->` comment right before the block).
import assert from 'node:assert/strict';
import type { FileKind, ProjectFacts } from '../../server/src/engine/index';

const KINDS: Record<string, FileKind> = {
	php: 'php',
	dotenv: 'env',
	env: 'env',
	ini: 'ini',
	yaml: 'yaml',
	json: 'json',
	xml: 'xml',
	neon: 'neon',
	toml: 'toml',
};

export interface Example {
	section: 'Incorrect' | 'Correct';
	kind: FileKind;
	code: string;
	line: number;
	settings?: unknown;
	project?: ProjectFacts;
}

/** The code blocks under the page's "## Incorrect" and "## Correct" headings (and their ### subsections). */
export function examples(page: string): Example[] {
	const out: Example[] = [];
	const lines = page.split('\n');
	let section: Example['section'] | undefined;
	let assumed: { settings?: unknown; project?: ProjectFacts } = {};
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i]!;
		const heading = /^## (.*)$/.exec(l);
		if (heading) {
			section = heading[1] === 'Incorrect' ? 'Incorrect' : heading[1] === 'Correct' ? 'Correct' : undefined;
			continue;
		}
		const comment = /^<!-- example: (.*) -->$/.exec(l);
		if (comment) {
			assumed = JSON.parse(comment[1]!);
			continue;
		}
		const fence = /^```(\w*)$/.exec(l);
		if (!fence) continue;
		const start = i;
		while (++i < lines.length && lines[i] !== '```');
		if (section) {
			const kind = KINDS[fence[1]!];
			assert.ok(kind, `line ${start + 1}: a block in "${section}" says its language (php, dotenv, ini, yaml…)`);
			out.push({ section, kind, code: lines.slice(start + 1, i).join('\n'), line: start + 1, ...assumed });
		}
		assumed = {};
	}
	return out;
}
