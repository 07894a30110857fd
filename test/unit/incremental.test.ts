import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
	analyze,
	diffSpan,
	scan,
	lexAllIncremental,
	lexPhp,
	lexPhpIncremental,
	type Lexed,
} from '../../server/src/engine/index';
import { carried, nextReuse, type Reuse } from '../../server/src/engine/scan/php';
import { PIECES, placeArb } from '../fuzz/arbitraries';

/** Long PHP-ish texts (checkpoints are 2 KiB apart), mostly code with the fuzz pieces mixed in. */
const CODE = [
	'$total = array_sum(array_map(fn ($x) => $x * 2, $items));\n',
	"$s = stream_socket_client('tcp://fd00::10:6379', $e, $m, 5);\n",
	"fsockopen('tls://smtp.example.com', 587);\n",
	'if ($a) { $b = [1, 2, 3]; }\n',
];
const textArb = fc
	.array(
		fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CODE) }, { weight: 1, arbitrary: fc.constantFrom(...PIECES) }),
		{
			minLength: 50,
			maxLength: 1500,
		},
	)
	.map((parts) => '<?php\n' + parts.join(''));
const editArb = fc.record({
	at: placeArb,
	remove: fc.nat({ max: 40 }),
	insert: fc.oneof(fc.constantFrom(...PIECES, ...CODE), fc.string({ maxLength: 3 })),
});

test('incremental lexing gives exactly the tokens of a full lexing, edit after edit', () => {
	fc.assert(
		fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 5 }), (start, edits) => {
			let text = start;
			let lexed: Lexed = lexPhpIncremental(text);
			for (const e of edits) {
				const s = Math.floor(e.at * text.length);
				const oldEnd = Math.min(text.length, s + e.remove);
				const next = text.slice(0, s) + e.insert + text.slice(oldEnd);
				lexed = lexPhpIncremental(next, lexed, { start: s, oldEnd, newEnd: s + e.insert.length });
				text = next;
				assert.deepEqual(lexed.tokens, lexPhp(text));
			}
		}),
		{ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 300), seed: 20261125 },
	);
});

test('incremental full lexing (for the value layer) gives exactly the tokens of a full lexing, edit after edit', () => {
	let steps = 0;
	let resumed = 0;
	const interpolating = ['$s = "tls://{$h}:$p";\n', '$t = <<<EOT\nssl://$host:25\nEOT;\n', '?> <p>x</p> <?php\n'];
	fc.assert(
		fc.property(
			textArb.map((t) => t + interpolating.join('')),
			fc.array(editArb, { minLength: 1, maxLength: 5 }),
			(start, edits) => {
				let text = start;
				let tokens = lexPhp(text, true);
				for (const e of edits) {
					const s = Math.floor(e.at * text.length);
					const oldEnd = Math.min(text.length, s + e.remove);
					const next = text.slice(0, s) + e.insert + text.slice(oldEnd);
					const carried = lexAllIncremental(next, tokens, { start: s, oldEnd, newEnd: s + e.insert.length });
					steps++;
					if (carried) resumed++;
					tokens = carried ?? lexPhp(next, true);
					text = next;
					assert.deepEqual(tokens, lexPhp(text, true));
				}
			},
		),
		{ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 200), seed: 20261202 },
	);
	assert.ok(resumed > steps / 2, `${resumed} of ${steps} edits lexed incrementally`);
});

/** What the scanner reads across tokens: concatenations, calls and a chain longer than the gap between checkpoints. */
const SCAN_CODE = [
	"$u = 'tls://' . $host .\n ':465';\n",
	"fsockopen('ssl://' . $h, 465);\n",
	'$x = "tcp://$h:80" . \'y\';\n',
	"stream_socket_client('tcp://127.0.0.1:80', $e, $m, 5, STREAM_CLIENT_CONNECT, stream_context_create(['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT]]));\n",
	"stream_socket_server('udp://0.0.0.0:53', $e, $m, " +
		'STREAM_SERVER_BIND | '.repeat(120) +
		'STREAM_SERVER_LISTEN);\n',
	"$c = 'tcp://h' . " + '$a . '.repeat(500) + "':80';\n",
	'$h = <<<EOT\ntcp://[::1]:80\nEOT;\n',
	"$o->fsockopen('tcp://h:1'); new fsockopen('tcp://h:2'); \\Foo\\fsockopen('tcp://h:3');\n",
];

test("a scan that carries the previous version's results equals a full scan, edit after edit", () => {
	let steps = 0;
	let spliced = 0;
	const texts = fc
		.array(
			fc.oneof(
				{ weight: 3, arbitrary: fc.constantFrom(...CODE) },
				{ weight: 2, arbitrary: fc.constantFrom(...SCAN_CODE) },
				{ weight: 1, arbitrary: fc.constantFrom(...PIECES) },
			),
			{ minLength: 50, maxLength: 1500 },
		)
		.map((parts) => '<?php\n' + parts.join(''));
	const edits = fc.record({
		at: placeArb,
		remove: fc.nat({ max: 40 }),
		insert: fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom('x', ' ', '\n', ';', '.', '(', ')', "'", '"', '$v', ',') },
			{ weight: 1, arbitrary: fc.constantFrom(...PIECES, ...CODE, ...SCAN_CODE) },
		),
	});
	fc.assert(
		fc.property(texts, fc.array(edits, { minLength: 1, maxLength: 5 }), (start, list) => {
			let text = start;
			let reuse: Reuse = {};
			scan(text, 'php', reuse);
			for (const e of list) {
				const s = Math.floor(e.at * text.length);
				const oldEnd = Math.min(text.length, s + e.remove);
				const next = text.slice(0, s) + e.insert + text.slice(oldEnd);
				const r = nextReuse(carried(reuse), { start: s, oldEnd, newEnd: s + e.insert.length });
				const got = scan(next, 'php', r);
				const full = scan(next, 'php');
				assert.deepEqual(got.candidates, full.candidates);
				assert.deepEqual(got.constants, full.constants);
				assert.deepEqual(got.strings, full.strings);
				steps++;
				if (r.splice) spliced++;
				text = next;
				reuse = r;
			}
		}),
		{ numRuns: Number(process.env.INCREMENTAL_RUNS ?? 300), seed: 20261125 },
	);
	// Most edits scan only the tokens between two clean checkpoints around them.
	assert.ok(spliced > steps / 2, `${spliced} of ${steps} scans carried`);
});

test('analyze() with the previous version gives the same findings, and reuses most of the lexing', () => {
	const lines = Array.from({ length: 4000 }, (_, i) =>
		i % 50 === 0 ? `$s${i} = stream_socket_client('tcp://fe80::${i}:80');` : '$total = array_sum($items);',
	);
	const v1 = '<?php\n' + lines.join('\n');
	const reuse: Reuse = {};
	const first = analyze(v1, 'php', undefined, undefined, reuse);
	const at = v1.indexOf('fe80::2000') + 4;
	const v2 = v1.slice(0, at) + '0' + v1.slice(at);
	const next: Reuse = { prev: reuse.lexed, edit: { start: at, oldEnd: at, newEnd: at + 1 } };
	const second = analyze(v2, 'php', undefined, undefined, next);
	assert.deepEqual(second.findings, analyze(v2, 'php').findings);
	assert.equal(second.findings.length, first.findings.length);
	const shared = next.lexed!.tokens.filter((t, i) => reuse.lexed!.tokens[i] === t).length;
	assert.ok(shared > next.lexed!.tokens.length / 3, `only ${shared} tokens reused`);
	assert.ok(next.lexed!.checkpoints.length > 10);
});

test('diffSpan finds the one span that differs', () => {
	fc.assert(
		fc.property(
			fc.string({ maxLength: 9000 }),
			fc.nat(),
			fc.nat({ max: 50 }),
			fc.string({ maxLength: 20 }),
			(a, at, del, ins) => {
				const s = at % (a.length + 1);
				const b = a.slice(0, s) + ins + a.slice(Math.min(a.length, s + del));
				const e = diffSpan(a, b);
				assert.equal(a.slice(0, e.start) + b.slice(e.start, e.newEnd) + a.slice(e.oldEnd), b);
				assert.ok(e.oldEnd >= e.start && e.newEnd >= e.start && e.oldEnd <= a.length);
			},
		),
		{ numRuns: 500, seed: 7 },
	);
	assert.deepEqual(diffSpan('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
});

test('an edit that names a mail library in a file that named none is seen (the client prefilter checks the edit)', () => {
	const v1 = '<?php\n' + '$total = array_sum($items);\n'.repeat(3000) + "stream_socket_client('tcp://h:80');\n";
	const insert = "$m = new PHPMailer; $m->SMTPSecure = 'ssl'; $m->Port = 587;\n";
	const at = v1.length / 2 - ((v1.length / 2) % 28) + 6;
	for (const piece of [insert, insert.slice(0, 30)]) {
		// Each edit starts from its own analysis of v1: the next lexing consumes the previous one.
		const reuse: Reuse = {};
		analyze(v1, 'php', undefined, undefined, reuse);
		assert.equal(reuse.namesLibrary, false);
		const v2 = v1.slice(0, at) + piece + v1.slice(at);
		const next = nextReuse(reuse, { start: at, oldEnd: at, newEnd: at + piece.length });
		const got = analyze(v2, 'php', undefined, undefined, next);
		assert.deepEqual(got.findings, analyze(v2, 'php').findings);
		assert.equal(
			got.findings.some((f) => f.ruleId === 'phpmailer-encryption'),
			piece === insert,
		);
	}
});

test('a carried bridge DSN moves with the edit: judged again later (another composer.lock), it is where it is', () => {
	// Far after the edit (the lexer and the scan carry what is past the next clean checkpoint), as a string the
	// connection-string pass carries and moves instead of reading it again.
	const v1 =
		'<?php $x = 1;' +
		'$y = 2;\n'.repeat(800) +
		"$dsn = 'mailersend+smtp://USER:PASS@default';\n" +
		'$z = 3;\n'.repeat(800);
	const reuse: Reuse = {};
	analyze(v1, 'php', undefined, { packages: {} }, reuse);
	const v2 = '<?php $xy = 1;' + v1.slice(13);
	const next = nextReuse(reuse, { start: 8, oldEnd: 8, newEnd: 9 });
	// The bridge's version is known from this keystroke on: its configuration, carried, is judged now.
	const project = { packages: { 'symfony/mailer-send-mailer': 'v7.3.0' } };
	const got = analyze(v2, 'php', undefined, project, next);
	assert.equal(next.stringCarry?.delta, 1);
	const fresh = analyze(v2, 'php', undefined, project);
	assert.ok(fresh.findings.some((f) => f.messageId === 'bridgeTlsOnPlainPort'));
	assert.deepEqual(got.findings, fresh.findings);
});
