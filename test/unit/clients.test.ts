import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { moveConfig } from '../../server/src/engine/clients/model';
import { scanPhpClients, type UrlReading } from '../../server/src/engine/clients/php';
import { urlString } from '../../server/src/engine/clients/urls';
import { analyze, lexPhp, lexPhpIncremental, probeTarget, type FileKind } from '../../server/src/engine/index';
import { type Reuse } from '../../server/src/engine/scan/php';

function targets(text: string, kind: FileKind, laravel?: string) {
	const project = laravel ? { packages: { 'laravel/framework': laravel } } : undefined;
	return analyze(text, kind, undefined, project).clients.map((c) => probeTarget(c));
}

test('Test connection opens what the library opens', () => {
	assert.deepEqual(
		targets("<?php $m = new PHPMailer; $m->Host = 'smtp.example.com'; $m->SMTPSecure = 'ssl'; $m->Port = 465;", 'php'),
		[
			{
				target: 'tls://smtp.example.com:465',
				protocol: 'SMTP',
				says: 'PHPMailer ($m) connects to smtp.example.com:465 with TLS from the first byte.',
			},
		],
	);
	assert.deepEqual(
		targets("<?php $m = new PHPMailer; $m->Host = 'tls://smtp.example.com:587';", 'php').map((p) => [
			p?.target,
			p?.starttls,
		]),
		[['tcp://smtp.example.com:587', 'smtp']],
	);
	assert.deepEqual(
		targets('MAILER_DSN=smtp://u:p@smtp.example.com', 'env').map((p) => p?.target),
		['tls://smtp.example.com:465'],
		'Symfony Mailer: no port and not localhost means implicit TLS on 465',
	);
	assert.deepEqual(
		targets("<?php $redis->connect('tls://cache.example.net', 6380);", 'php').map((p) => [
			p?.target,
			p?.protocol,
			p?.starttls,
		]),
		[['tls://cache.example.net:6380', 'Redis', undefined]],
	);
});

test('a Laravel .env mail section is tested with the semantics of the Laravel version in composer.lock', () => {
	const env = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n';
	assert.deepEqual(
		targets(env, 'env', 'v8.83.27').map((p) => [p?.target, p?.starttls]),
		[['tls://smtp.example.com:587', undefined]],
		'Laravel 8: SwiftMailer opens ssl:// as written',
	);
	assert.deepEqual(
		targets(env, 'env', 'v10.48.2').map((p) => [p?.target, p?.starttls]),
		[['tcp://smtp.example.com:587', 'smtp']],
		'Laravel 9+: Symfony Mailer chooses by the port',
	);
	assert.deepEqual(
		targets(env, 'env').map((p) => p?.target),
		['tcp://smtp.example.com:587'],
		'unknown version: the current behaviour',
	);
	assert.deepEqual(targets('MAIL_HOST=${SMTP_HOST}\nMAIL_PORT=587\n', 'env').filter(Boolean), []);
});

test('a connection string in PHP is read with the key it is assigned to, however far the blanks put it', () => {
	const dsns = (php: string) => analyze(`<?php\n${php}`, 'php').clients.map((c) => c.label);
	// MAIL_URL is Laravel's, not a Symfony DSN; other keys and plain arguments are DSNs.
	assert.equal(dsns(`$MAIL_URL = 'smtps://u@h:587';`).length, 0);
	assert.equal(dsns(`$c = ['mail_url' =>${' '.repeat(40)}\n\n 'smtps://u@h:587'];`).length, 0);
	assert.equal(dsns(`$c = ['dsn' => 'smtps://u@h:587'];`).length, 1);
	assert.equal(dsns(`send('smtps://u@h:587');`).length, 1);
	// More than 100 characters of blanks: no key is seen, so the string is a DSN.
	assert.equal(dsns(`$MAIL_URL =${' '.repeat(120)}'smtps://u@h:587';`).length, 1);
});

test('a connection string moved by d characters reads as the one read at its new place', () => {
	// moveConfig (used to carry a connection string's configuration to the next version) against urlString itself.
	const url = fc
		.tuple(
			fc.constantFrom('smtp', 'smtps', 'redis', 'rediss', 'tcp', 'tls', 'ssl', 'SMTP'),
			fc.constantFrom('', 'user:pass@'),
			fc.constantFrom('smtp.example.com', '[::1]', 'cache'),
			fc.constantFrom('', ':25', ':465', ':587', ':6379', ':6380'),
			fc.subarray(['encryption=tls', 'encryption=ssl', 'verify_peer=0', 'auto_tls=false', 'x=1']),
		)
		.map(([s, u, h, p, q]) => `${s}://${u}${h}${p}${q.length ? '?' + q.join('&') : ''}`);
	fc.assert(
		fc.property(
			url,
			fc.constantFrom('', 'MAILER_URL', 'MAIL_URL', 'dsn'),
			fc.nat({ max: 5000 }),
			fc.integer({ min: -50, max: 50 }),
			(value, key, base, d) => {
				const read = urlString(value, (i) => base + i, key);
				if (read) moveConfig(read, d);
				assert.deepEqual(
					read,
					urlString(value, (i) => base + d + i, key),
				);
			},
		),
		{ numRuns: 500, seed: 20261126 },
	);
});

test('a carried connection string is read again when an edit changed the text before it (its key)', () => {
	// The lexer carries only tokens far (MARGIN, 400 characters) from an edit; here the same token is handed over
	// after edits right before it, as a check of the client pass's own condition.
	const read = (text: string, reuse: Reuse) => {
		const strings = lexPhp(text).filter((t) => t.kind === 'str');
		scanPhpClients(text, strings, reuse);
		return { strings };
	};
	const gap = ' '.repeat(40);
	for (const [before, after, edit, delta] of [
		// `$a` became `$bb`: one character inserted inside the look-back.
		["<?php $a = 'smtp://h:465';", "<?php $bb = 'smtp://h:465';", { start: 7, oldEnd: 7, newEnd: 8 }, 1],
		// `$a` became `$b`: replaced, nothing moved.
		["<?php $a = 'smtp://h:465';", "<?php $b = 'smtp://h:465';", { start: 7, oldEnd: 8, newEnd: 8 }, 0],
		// The same, 40 blanks before the string (past the first, short look).
		[`<?php $a = ${gap}'smtp://h:465';`, `<?php $b = ${gap}'smtp://h:465';`, { start: 7, oldEnd: 8, newEnd: 8 }, 0],
	] as const) {
		const first: Reuse = {};
		const { strings } = read(before, first);
		assert.ok(first.urls?.get(strings[0]!)?.config, 'the string is read as a connection string');
		const token = { ...strings[0]!, start: strings[0]!.start + delta, base: strings[0]!.base! + delta };
		const prevUrls = new WeakMap<object, UrlReading>([
			[token, { ...first.urls!.get(strings[0]!)!, config: { ...first.urls!.get(strings[0]!)!.config! } }],
		]);
		const reuse: Reuse = { prev: lexPhpIncremental(before), edit, prevUrls };
		const got = scanPhpClients(after, [token], reuse).configs.map((c) => c.label);
		assert.deepEqual(got, [after.slice(7, after.indexOf(' ='))]);
	}
	// An edit far before it: the reading is carried (the same object), moved.
	const far = '<?php $x = 1;' + ' '.repeat(200) + "$a = 'smtp://h:465';";
	const r1: Reuse = {};
	const s1 = read(far, r1).strings;
	const moved = { ...s1[0]!, start: s1[0]!.start + 1, base: s1[0]!.base! + 1 };
	const reading = r1.urls!.get(s1[0]!)!;
	const r2: Reuse = {
		prev: lexPhpIncremental(far),
		edit: { start: 8, oldEnd: 8, newEnd: 9 },
		prevUrls: new Map([[moved, reading]]),
	};
	const configs = scanPhpClients('<?php $xy = 1;' + far.slice(13), [moved], r2).configs;
	assert.equal(configs[0], reading.config);
	assert.equal(configs[0]!.start, moved.base);
});
