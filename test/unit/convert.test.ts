//! Diagnostics of findings carried from one version to the next (convert.ts toDiagnostics: kept where nothing moved,
//! lines moved where only lines did) equal diagnostics made afresh, edit after edit, with line breaks of every kind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, normalizeSettings, type Finding } from '../../server/src/engine/index';
import { carried, nextReuse, type Reuse } from '../../server/src/engine/scan/php';
import { toDiagnostic, toDiagnostics } from '../../server/src/lsp/convert';
import { BufferedTextDocument } from '../../server/src/lsp/text-buffer';
import { placeArb } from '../fuzz/arbitraries';

const LINES = [
	"$s = stream_socket_client('tcp://fd00::10:6379', $e, $m, 5);\n",
	"$f = fsockopen('tls://smtp.example.com', 587);\r\n",
	"$g = fsockopen('ssl://mail.example.com:587', 25); $h = fsockopen('TCP://h:1');\r",
	'$total = array_sum(array_map(fn ($x) => $x * 2, $items));\n',
	'$u = "tcp://h:80 — 𝄞";\n',
];

test('carried diagnostics equal fresh ones over random edits', () => {
	let reused = 0;
	let steps = 0;
	fc.assert(
		fc.property(
			fc.array(fc.constantFrom(...LINES), { minLength: 60, maxLength: 200 }),
			fc.array(
				fc.record({
					at: placeArb,
					remove: fc.nat({ max: 4 }),
					insert: fc.constantFrom('x', '\n', '\r\n', '\r', 'ab', '', ' ', "'", '𝄞', ...LINES),
				}),
				{ minLength: 1, maxLength: 6 },
			),
			(parts, edits) => {
				const settings = normalizeSettings({ maxFileSize: 1 << 30 });
				const doc = new BufferedTextDocument('file:///a.php', 'php', 1, '<?php\n' + parts.join(''));
				let reuse: Reuse = {};
				let findings = analyze(doc, 'php', settings, undefined, reuse).findings;
				let before = toDiagnostics(doc, findings);
				for (const [n, e] of edits.entries()) {
					const s = Math.floor(e.at * doc.length);
					const oldEnd = Math.min(doc.length, s + e.remove);
					const lines = doc.lineCount;
					doc.update([{ range: { start: doc.positionAt(s), end: doc.positionAt(oldEnd) }, text: e.insert }], n + 2);
					const edit = { start: s, oldEnd, newEnd: s + e.insert.length };
					const r = nextReuse(carried(reuse), edit);
					findings = analyze(doc, 'php', settings, undefined, r).findings;
					const got = toDiagnostics(doc, findings, { edit, lineDelta: doc.lineCount - lines });
					assert.deepEqual(
						got,
						findings.map((f) => toDiagnostic(doc, f)),
					);
					reused += got.filter((d) => before.includes(d)).length;
					steps += got.length;
					before = got;
					reuse = r;
				}
			},
		),
		{ numRuns: 100, seed: 20261125 },
	);
	assert.ok(reused > steps / 5, `${reused} of ${steps} diagnostics reused`);
});

test('a finding moved on the line of the edit gets a new column; one before the edit keeps its diagnostic', () => {
	const doc = new BufferedTextDocument('file:///a.php', 'php', 1, "<?php\n$a = 'tcp://h'; $b = 'tcp://i';\n");
	const finding = (value: string): Finding => {
		const start = doc.getText().indexOf(value);
		return {
			ruleId: 'missing-port',
			severity: 'error',
			message: 'm',
			messageId: 'noPort',
			start,
			end: start + value.length,
			fixes: [],
		};
	};
	const first = finding('tcp://h');
	const second = finding('tcp://i');
	const before = toDiagnostics(doc, [first, second]);
	// Typed between the two: the first stays where it was, the second moves one column on the same line.
	const at = doc.getText().indexOf(' $b');
	doc.update([{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: 'x' }], 2);
	second.start++;
	second.end++;
	const got = toDiagnostics(doc, [first, second], { edit: { start: at, oldEnd: at, newEnd: at + 1 }, lineDelta: 0 });
	assert.equal(got[0], before[0]);
	assert.deepEqual(got[1], toDiagnostic(doc, second));
	assert.equal(got[1]!.range.start.character, before[1]!.range.start.character + 1);
});
