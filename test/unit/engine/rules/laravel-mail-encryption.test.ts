import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type FileKind } from '../../../../server/src/engine/index';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'laravel-mail-encryption';

function on(version: string | undefined, text: string, kind: FileKind = 'env') {
	const project = version === undefined ? undefined : { packages: { 'laravel/framework': version } };
	return analyze(text, kind, undefined, project).findings.filter((f) => f.ruleId === R);
}

ruleTester(R, 'MAIL_SCHEME=smtps on 587 fails on every Laravel that reads it', {
	invalid: [
		{
			code: 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.gmail.com\nMAIL_PORT=587\nMAIL_SCHEME=«smtps»\n',
			kind: 'env',
			errors: ['schemeOnPlainPort'],
		},
	],
});

test('MAIL_SCHEME=smtps on 587 fails on every Laravel that reads it', () => {
	const [f] = on('v11.31.0', 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.gmail.com\nMAIL_PORT=587\nMAIL_SCHEME=smtps\n');
	assert.match(f!.detail ?? f!.message, /wrong version number/);
	assert.equal(f!.severity, 'warning');
	assert.deepEqual(on('v8.83.27', 'MAIL_PORT=587\nMAIL_SCHEME=smtps\n'), [], 'Laravel 8 has no scheme setting');
});

test('MAIL_ENCRYPTION mismatches depend on the version in composer.lock', () => {
	const ssl587 = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n';
	const tls465 = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=465\nMAIL_ENCRYPTION=tls\n';
	const [old] = on('v8.83.27', ssl587);
	assert.equal(old!.severity, 'warning');
	assert.match(
		old!.detail ?? old!.message,
		/^On Laravel 8, MAIL_ENCRYPTION=ssl makes SwiftMailer open ssl:\/\/smtp\.example\.com:587/,
	);
	assert.match(on('v7.30.6', tls465)[0]!.detail!, /Connection to tcp:\/\/smtp\.example\.com:465 Timed Out/);
	assert.deepEqual(on('v10.48.2', ssl587), [], 'Laravel 9+ chooses by the port');
	assert.deepEqual(on('v11.0.0', tls465), []);
	const [unknown] = on(undefined, ssl587);
	assert.equal(unknown!.severity, 'info');
	assert.match(unknown!.detail ?? unknown!.message, /^If this project runs Laravel 8 or older/);
});

ruleTester(R, 'config/mail.php arrays, with env() defaults', {
	invalid: [
		{
			code: "return ['mailers' => ['smtp' => ['transport' => 'smtp', 'host' => env('MAIL_HOST', 'smtp.mailgun.org'), 'port' => env('MAIL_PORT', 587), 'encryption' => env('MAIL_ENCRYPTION', '«ssl»')]]];",
			errors: ['sslOnPlainPort'],
		},
	],
});

test('config/mail.php arrays, with env() defaults', () => {
	const src = "<?php return ['driver' => 'smtp', 'port' => 465, 'encryption' => 'tls', 'host' => 'smtp.example.com'];";
	assert.equal(on('8.0', src, 'php').length, 1);
	assert.match(
		on(
			undefined,
			"<?php return ['transport' => 'smtp', 'port' => env('MAIL_PORT', 587), 'scheme' => env('MAIL_SCHEME', 'smtps')];",
			'php',
		)[0]!.detail!,
		/\(the default when MAIL_SCHEME is unset\)/,
	);
});

ruleTester(R, "Laravel's shipped and documented settings are quiet", {
	valid: [
		// Laravel 10 .env.example and config/mail.php.
		{
			code: 'MAIL_MAILER=smtp\nMAIL_HOST=mailpit\nMAIL_PORT=1025\nMAIL_USERNAME=null\nMAIL_PASSWORD=null\nMAIL_ENCRYPTION=null\n',
			kind: 'env',
		},
		"return ['mailers' => ['smtp' => ['transport' => 'smtp', 'url' => env('MAIL_URL'), 'host' => env('MAIL_HOST', 'smtp.mailgun.org'), 'port' => env('MAIL_PORT', 587), 'encryption' => env('MAIL_ENCRYPTION', 'tls'), 'username' => env('MAIL_USERNAME'), 'password' => env('MAIL_PASSWORD'), 'timeout' => null, 'local_domain' => env('MAIL_EHLO_DOMAIN')]]];",
		// Laravel 11 .env.example and config/mail.php.
		{ code: 'MAIL_MAILER=log\nMAIL_SCHEME=null\nMAIL_HOST=127.0.0.1\nMAIL_PORT=2525\n', kind: 'env' },
		"return ['mailers' => ['smtp' => ['transport' => 'smtp', 'scheme' => env('MAIL_SCHEME'), 'url' => env('MAIL_URL'), 'host' => env('MAIL_HOST', '127.0.0.1'), 'port' => env('MAIL_PORT', 2525)]]];",
		// Mailtrap's Laravel settings; 465 with ssl; 587 with tls.
		{
			code: 'MAIL_MAILER=smtp\nMAIL_HOST=sandbox.smtp.mailtrap.io\nMAIL_PORT=2525\nMAIL_ENCRYPTION=tls\n',
			kind: 'env',
		},
		{ code: 'MAIL_HOST=smtp.gmail.com\nMAIL_PORT=465\nMAIL_ENCRYPTION=ssl\n', kind: 'env' },
		{ code: 'MAIL_HOST=smtp.gmail.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=tls\n', kind: 'env' },
		{ code: 'MAIL_MAILER=ses\nMAIL_PORT=587\nMAIL_ENCRYPTION=ssl\n', kind: 'env' },
		{ code: 'MAIL_PORT=${SMTP_PORT}\nMAIL_ENCRYPTION=ssl\n', kind: 'env' },
	],
});

ruleTester(R, 'docker-compose environment entries and phpunit.xml <env> are read too', {
	invalid: [
		{
			code: 'services:\n  app:\n    environment:\n      MAIL_PORT: 587\n      MAIL_SCHEME: «smtps»\n',
			kind: 'yaml',
			errors: ['schemeOnPlainPort'],
		},
		{
			code: 'services:\n  app:\n    environment:\n      - MAIL_PORT=587\n      - MAIL_SCHEME=«smtps»\n',
			kind: 'yaml',
			errors: ['schemeOnPlainPort'],
		},
		{
			code: '<php>\n  <env name="MAIL_PORT" value="587"/>\n  <env name="MAIL_SCHEME" value="«smtps»"/>\n</php>\n',
			kind: 'xml',
			errors: ['schemeOnPlainPort'],
		},
	],
});

test('MAIL_ENCRYPTION=null to Gmail on 587: Laravel 8 (SwiftMailer) never sends STARTTLS, Laravel 9+ does when offered', () => {
	// Laravel 8's MailManager::createSmtpTransport() hands `encryption` to Swift_SmtpTransport, which sends STARTTLS
	// only for 'tls' (EsmtpTransport: `if ($this->params['tls'])`); Laravel 9's Symfony EsmtpTransport sends it
	// whenever the EHLO answer offers it.
	const env = 'MAIL_MAILER=smtp\nMAIL_HOST=smtp.gmail.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=null\n';
	const [f] = on('v8.83.27', env);
	assert.equal(f?.messageId, 'starttlsRequired');
	assert.equal(env.slice(f!.start, f!.end), 'null');
	assert.deepEqual(
		f!.fixes[0]!.edits.map((e) => e.text),
		['tls'],
	);
	assert.match(f!.detail!, /530 5\.7\.0 Must issue a STARTTLS command first/);
	assert.deepEqual(on('v10.48.0', env), []);
	assert.deepEqual(on(undefined, env), [], 'unknown version: Laravel 9+ would be right');
});
