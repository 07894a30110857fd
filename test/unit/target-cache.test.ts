//! Findings carried from one version of a document to the next (analyze.ts: by target text and shape, moved to the
//! target's new place) are exactly the findings of a fresh analysis, edit after edit, in PHP and config files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import {
	analyze,
	fileKind,
	lexPhpIncremental,
	normalizeSettings,
	scan,
	type FileKind,
	type TextSource,
} from '../../server/src/engine/index';
import { nextReuse, type Reuse } from '../../server/src/engine/scan/php';
import { PIECES, placeArb } from '../fuzz/arbitraries';
import { ROOT } from '../helpers/paths';

const PHP_LINES = [
	"$s = stream_socket_client('tcp://fd00::10:6379', $e, $m, 5);\n",
	"$f = fsockopen('tls://smtp.example.com', 587, $e, $m, 5);\n",
	"$f = fsockopen('ssl://smtp.example.com', $port);\n",
	// Same literal, different port arguments: the key must tell them apart.
	"$f = fsockopen('ssl://mail.example.com', 465);\n",
	"$f = fsockopen('ssl://mail.example.com', 587);\n",
	"$f = fsockopen('ssl://mail.example.com:587', 25);\n",
	"$f = fsockopen('[::1]', 80);\n",
	"$f = fsockopen('::1', 80);\n",
	'$g = stream_socket_server("udp://0.0.0.0:53", $e, $m, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN);\n',
	'$h = stream_socket_client("tls://$host:465");\n',
	'$total = array_sum($items);\n',
	// Connection strings, whose key (read from the text before them) names them: an edit there changes the config.
	"$dsn = 'smtp://user:pass@smtp.example.com:465';\n",
	"$c = ['MAILER_URL' => 'smtp://smtp.example.com:465?encryption=tls', 'url' => 'rediss://cache:6379'];\n",
	"$r = new Client('tls://cache.example.com:6379');\n",
	"$m = ['dsn' => 'smtps://smtp.example.com:587?verify_peer=0&encryption=ssl'];\n",
	'// transport-lint-disable-next-line\n',
];
const ENV_LINES = ['REDIS_URL=tcp://[::1]:6379\n', 'MAIL=ssl://smtp.example.com:587\n', 'X=TCP://h:1\n', 'Y=1\n'];

const edit = fc.record({
	at: placeArb,
	remove: fc.nat({ max: 12 }),
	insert: fc.oneof(fc.constantFrom(...PIECES, ...PHP_LINES, ...ENV_LINES), fc.string({ maxLength: 2 })),
	// Now and then the settings change between two versions: carried findings must not outlive them.
	settings: fc.nat({ max: 9 }),
});

function check(kind: FileKind, lines: string[], head: string) {
	fc.assert(
		fc.property(
			fc.array(fc.constantFrom(...lines), { minLength: 5, maxLength: 120 }),
			fc.array(edit, { minLength: 1, maxLength: 6 }),
			(parts, edits) => {
				let text = head + parts.join('');
				let settings = normalizeSettings({});
				let reuse: Reuse = {};
				analyze(text, kind, settings, undefined, reuse);
				for (const e of edits) {
					const s = Math.floor(e.at * text.length);
					const oldEnd = Math.min(text.length, s + e.remove);
					const next = text.slice(0, s) + e.insert + text.slice(oldEnd);
					if (e.settings === 0) settings = normalizeSettings({ rules: { 'implicit-tls-port': 'off' } });
					const r = nextReuse(reuse, { start: s, oldEnd, newEnd: s + e.insert.length });
					const got = analyze(next, kind, settings, undefined, r);
					assert.deepEqual(got.findings, analyze(next, kind, settings, undefined, { uncached: true }).findings);
					text = next;
					reuse = r;
				}
			},
		),
		{ numRuns: 200, seed: 20261125 },
	);
}

test('carried findings equal fresh ones over random edits (PHP)', () => check('php', PHP_LINES, '<?php\n'));
/**
 * Mostly what typing does (names, digits, blanks, line breaks, operators), now and then anything: a quote or a whole
 * line dropped mid-string leaves the rest of the file lexed differently, and from then on the whole text is read.
 */
const typing = fc.record({
	at: placeArb,
	remove: fc.nat({ max: 3 }),
	insert: fc.oneof(
		{
			weight: 12,
			arbitrary: fc.constantFrom('x', 'a1', ' ', '\n', ';', '$v', '->', '(', ')', ',', '.', '', '=', "'k' => ", '_URL'),
		},
		{ weight: 1, arbitrary: fc.constantFrom(...PIECES, ...PHP_LINES) },
	),
});

/** A text read in parts, as the language server's buffers are; counts the times all of it was asked for. */
class Parts implements TextSource {
	wholeReads = 0;
	constructor(private readonly s: string) {}
	get length(): number {
		return this.s.length;
	}
	slice(start: number, end: number): string {
		return this.s.slice(start, end);
	}
	text(): string {
		this.wholeReads++;
		return this.s;
	}
}

test('analysing an open PHP document in parts (the text around each edit) equals a fresh analysis of the whole', () => {
	// Documents of ~60–280 KB: windows (64 KB past the edit) end before the text does; some edits open a string or a
	// comment, so that the lexing runs past its window and the whole text is read instead.
	let windowed = 0;
	let spliced = 0;
	let steps = 0;
	let urlsRead = 0;
	let urlsCarried = 0;
	let clientsChecked = 0;
	let clientsCarried = 0;
	fc.assert(
		fc.property(
			fc.array(fc.constantFrom(...PHP_LINES.filter((l) => !l.includes('disable'))), { minLength: 40, maxLength: 80 }),
			fc.integer({ min: 30, max: 70 }),
			fc.array(typing, { minLength: 1, maxLength: 4 }),
			(parts, copies, edits) => {
				let text = '<?php\n' + parts.join('').repeat(copies);
				const settings = normalizeSettings({ maxFileSize: 1 << 30 });
				let reuse: Reuse = {};
				analyze(new Parts(text), 'php', settings, undefined, reuse);
				for (const e of edits) {
					const s = Math.floor(e.at * text.length);
					const oldEnd = Math.min(text.length, s + e.remove);
					const next = text.slice(0, s) + e.insert + text.slice(oldEnd);
					// (A Set: the previous list is consumed, its configurations moved in place.)
					const beforeConfigs = new Set(reuse.stringConfigs);
					const r = nextReuse(reuse, { start: s, oldEnd, newEnd: s + e.insert.length });
					const source = new Parts(next);
					const got = analyze(source, 'php', settings, undefined, r);
					const fresh = analyze(next, 'php', settings, undefined, { uncached: true });
					assert.deepEqual(got.findings, fresh.findings);
					assert.deepEqual(got.targets, fresh.targets);
					assert.deepEqual(got.clients, fresh.clients);
					assert.deepEqual(r.lexed?.tokens, lexPhpIncremental(next).tokens);
					steps++;
					if (source.wholeReads === 0) windowed++;
					if (r.splice) spliced++;
					// A connection string's configuration is carried (the same object) unless the scan read its string anew.
					urlsRead += r.stringConfigs?.length ?? 0;
					for (const c of r.stringConfigs ?? []) if (beforeConfigs.has(c)) urlsCarried++;
					const checked = new Set(reuse.targetFindings?.byClient?.values());
					for (const c of r.targetFindings?.byClient?.values() ?? []) if (checked.has(c)) clientsCarried++;
					clientsChecked += r.targetFindings?.byClient?.size ?? 0;
					text = next;
					reuse = r;
				}
			},
		),
		{ numRuns: 30, seed: 20261125 },
	);
	// Most keystrokes never read the whole text.
	assert.ok(windowed > steps / 2, `${windowed} of ${steps} edits analysed in parts`);
	// And most carried the previous version's targets and findings outside the tokens scanned anew.
	assert.ok(spliced > steps / 2, `${spliced} of ${steps} edits carried the scan`);
	// And most connection strings were not read again.
	assert.ok(urlsCarried > urlsRead / 2, `${urlsCarried} of ${urlsRead} connection strings carried`);
	// And so were their configurations' findings.
	assert.ok(
		clientsCarried > clientsChecked / 2,
		`${clientsCarried} of ${clientsChecked} configurations' findings carried`,
	);
});

test('findings shared within a version equal fresh ones', () => {
	const text = '<?php\n' + PHP_LINES.join('') + PHP_LINES.join('');
	assert.deepEqual(
		analyze(text, 'php').findings,
		analyze(text, 'php', undefined, undefined, { uncached: true }).findings,
	);
});
test('carried findings equal fresh ones over random edits (.env)', () => check('env', ENV_LINES, ''));

test('a repeated target is analysed once per version and its findings sit at each place', () => {
	const line = "fsockopen('tcp://fe80::1:80');\n";
	const text = '<?php\n' + line.repeat(3);
	const got = analyze(text, 'php');
	assert.deepEqual(
		got.findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
		[
			['ipv6-brackets', 'fe80::1:80'],
			['ipv6-brackets', 'fe80::1:80'],
			['ipv6-brackets', 'fe80::1:80'],
		],
	);
	assert.deepEqual(
		got.findings.map((f) => f.fixes[0]!.edits[0]!.start),
		[0, 1, 2].map((i) => 6 + i * line.length + "fsockopen('tcp://".length),
	);
});

/** The cache key (analyze.ts targetKey) reads these candidate fields; a new field must be added there. */
const KNOWN = new Set([
	'value',
	'start',
	'end',
	'map',
	'origin',
	'call',
	'call.fn',
	'call.port',
	'call.port.start',
	'call.port.end',
	'call.port.int',
	'call.port.constants',
	'call.port.known',
	'call.flags',
	'call.flags.start',
	'call.flags.end',
	'call.flags.int',
	'call.flags.constants',
	'call.flags.known',
	'call.context',
	'call.context.var',
	'call.context.start',
	'call.context.end',
	'partial',
	'partial.suffix',
	'partial.suffixStart',
]);

test('every candidate field the scanners produce is one the target cache key covers', () => {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const p = path.join(dir, name);
			if (statSync(p).isDirectory()) walk(p);
			else files.push(p);
		}
	};
	walk(path.join(ROOT, 'examples'));
	walk(path.join(ROOT, 'test', 'fixtures'));
	const seen = new Set<string>();
	const collect = (o: unknown, prefix: string) => {
		if (!o || typeof o !== 'object' || Array.isArray(o)) return;
		for (const [k, v] of Object.entries(o)) {
			const name = prefix ? `${prefix}.${k}` : k;
			seen.add(name);
			if (k !== 'map') collect(v, name);
		}
	};
	const texts: [string, FileKind][] = [
		[
			'<?php\n' +
				PHP_LINES.join('') +
				'stream_socket_client("tcp://h\\x3a80", $e, $m, 5, STREAM_CLIENT_CONNECT, $ctx);\n',
			'php',
		],
		[ENV_LINES.join(''), 'env'],
	];
	for (const f of files) {
		const kind = fileKind(f);
		if (kind) texts.push([readFileSync(f, 'utf8'), kind]);
	}
	let candidates = 0;
	for (const [text, kind] of texts) {
		for (const c of scan(text, kind).candidates) {
			candidates++;
			collect(c, '');
		}
	}
	assert.ok(candidates > 30, `only ${candidates} candidates in the corpus`);
	for (const name of seen) assert.ok(KNOWN.has(name), `candidate field ${name} is not in analyze.ts targetKey`);
	for (const name of ['call.port.known', 'partial.suffixStart', 'call.context.var', 'map'])
		assert.ok(seen.has(name), `the corpus never has ${name}`);
});

test('a carried target is linked to stream contexts afresh: a context created or renamed far before it counts', () => {
	const filler = '$total = array_sum($items) + count($list) * 2;\n'.repeat(300);
	const call = "$s = stream_socket_client('tls://h:443', $e, $m, 5, STREAM_CLIENT_CONNECT, $ctx);\n";
	let text = "<?php\n$ctx = stream_context_create(['ssl' => ['verify_peer' => false]]);\n" + filler + call + filler;
	let reuse: Reuse = {};
	const first = analyze(text, 'php', undefined, undefined, reuse);
	assert.ok(first.targets[0]!.context, 'the call is linked to its context');
	for (const [from, to] of [
		['$ctx =', '$cty ='],
		['$cty =', '$ctx ='],
	] as const) {
		const at = text.indexOf(from);
		const next = text.slice(0, at) + to + text.slice(at + from.length);
		const r = nextReuse(reuse, { start: at, oldEnd: at + from.length, newEnd: at + to.length });
		const got = analyze(next, 'php', undefined, undefined, r);
		const fresh = analyze(next, 'php', undefined, undefined, { uncached: true });
		assert.equal(r.splice?.fresh, 0, 'the call was carried, not scanned again');
		assert.deepEqual(got.targets, fresh.targets);
		assert.deepEqual(got.findings, fresh.findings);
		text = next;
		reuse = r;
	}
});
