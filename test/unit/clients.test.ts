import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { moveConfig } from '../../server/src/engine/clients/model';
import { urlString } from '../../server/src/engine/clients/urls';
import { analyze, normalizeSettings, probeTarget, type FileKind } from '../../server/src/engine/index';
import { nextReuse, type Reuse } from '../../server/src/engine/scan/php';

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

test('connection strings: only those the carried scan read anew are read; the others are carried, moved', () => {
	// Many statements between the edit and the strings: the lexer carries tokens from 400 characters after an edit on,
	// and the scan resumes at the next clean checkpoint after that (checkpoints are 2 KB apart).
	const far =
		'<?php $x = 1;' +
		'$y = 2;\n'.repeat(800) +
		"$a = 'smtp://h:465';\n$b = ['url' => 'rediss://cache:6379'];\n" +
		'$z = 3;\n'.repeat(800);
	const settings = normalizeSettings({ maxFileSize: 1 << 30 });
	const r1: Reuse = {};
	analyze(far, 'php', settings, undefined, r1);
	const before = [...r1.stringConfigs!];
	assert.deepEqual(
		before.map((c) => c.label),
		['a', 'connection URI'],
	);
	// An edit far before them: both carried (the same objects), moved by one.
	const edited = '<?php $xy = 1;' + far.slice(13);
	const r2 = nextReuse(r1, { start: 8, oldEnd: 8, newEnd: 9 });
	const got = analyze(edited, 'php', settings, undefined, r2).clients;
	assert.deepEqual(r2.stringCarry && r2.stringCarry.delta, 1);
	assert.equal(r2.stringConfigs![0], before[0]);
	assert.equal(r2.stringConfigs![1], before[1]);
	assert.deepEqual(got, analyze(edited, 'php', settings).clients);
	// An edit of the key right before one: that string is read again, with its new key.
	const at = edited.indexOf('$a =') + 1;
	const renamed = edited.slice(0, at) + 'dsn' + edited.slice(at + 1);
	const r3 = nextReuse(r2, { start: at, oldEnd: at + 1, newEnd: at + 3 });
	const again = analyze(renamed, 'php', settings, undefined, r3).clients;
	assert.notEqual(r3.stringConfigs![0], before[0]);
	assert.equal(r3.stringConfigs![0]!.label, 'dsn');
	assert.deepEqual(again, analyze(renamed, 'php', settings).clients);
});
