import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, probeTarget, type FileKind } from '../../server/src/engine/index';

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
