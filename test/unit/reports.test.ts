//! Real snippets (test/corpus/reports.jsonl): what people wrote in public bug reports and Q&A threads, and
//! documentation examples of PHP and the libraries, each with its source and the verdict it must get. A "flag"
//! entry must get one of its rules (at warning or error); a "clean" one no finding but the informations it allows.
//! A "pending" entry is a known gap (named issue): it must not be flagged yet, so that closing the gap is seen.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, type FileKind } from '../../server/src/engine/index';
import { ROOT } from '../helpers/paths';

interface Report {
	source: string;
	kind: FileKind;
	text: string;
	expect: 'flag' | 'clean';
	rules?: string[];
	allow?: string[];
	pending?: string;
	packages?: Record<string, string>;
	reason: string;
}

const reports = readFileSync(path.join(ROOT, 'test/corpus/reports.jsonl'), 'utf8')
	.split('\n')
	.filter(Boolean)
	.map((l) => JSON.parse(l) as Report);

test('the corpus holds at least 80 real snippets, half of them documentation examples that must stay clean', () => {
	assert.ok(reports.length >= 80, `${reports.length} snippets`);
	// Bug reports, pull requests, pastes and gists are what people wrote; the rest is documentation.
	const docs = reports.filter(
		(r) => r.expect === 'clean' && !/\/(issues|pull)\/|\/\/(pastebin\.com|gist\.github\.com)\//.test(r.source),
	);
	assert.ok(docs.length >= reports.length / 2 - 1, `${docs.length} documentation examples`);
	for (const r of reports) {
		assert.match(r.source, /^https:\/\//, r.text);
		assert.ok(r.reason, r.source);
	}
});

for (const r of reports) {
	test(`${r.expect}${r.pending ? ' (pending)' : ''}: ${r.source} ${r.text.split('\n')[0]!.slice(0, 60)}`, () => {
		const text = r.kind === 'php' && !r.text.includes('<?') ? `<?php\n${r.text}\n` : r.text;
		const result = analyze(text, r.kind, undefined, r.packages && { packages: r.packages });
		assert.deepEqual(result.errors, []);
		const found = result.findings.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
		const serious = result.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
		if (r.expect === 'flag' && !r.pending) {
			assert.ok(
				serious.some((f) => r.rules!.includes(f.ruleId)),
				`expected ${r.rules!.join(' or ')} (${r.reason}); got ${JSON.stringify(found)}`,
			);
		} else if (r.pending) {
			assert.ok(
				!serious.some((f) => r.rules!.includes(f.ruleId)),
				`flagged now: drop "pending" (${r.pending}) from this entry`,
			);
		} else {
			const unexpected = result.findings.filter((f) => !(f.severity === 'info' && r.allow?.includes(f.ruleId)));
			assert.deepEqual(
				unexpected.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`),
				[],
				`must stay clean (${r.reason})`,
			);
		}
	});
}
