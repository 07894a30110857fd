import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../../server/src/engine/index';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'symfony-mailer-dsn';

ruleTester(R, 'smtps:// on a STARTTLS port, in .env, YAML and PHP', {
	invalid: [
		{ code: 'MAILER_DSN=«smtps»://user:pass@smtp.example.com:587', kind: 'env', errors: ['smtpsOnPlainPort'] },
		{
			code: "framework:\n  mailer:\n    dsn: '«smtps»://smtp.example.com:25'\n",
			kind: 'yaml',
			errors: ['smtpsOnPlainPort'],
		},
		{
			code: "$transport = Transport::fromDsn('«smtps»://user:pass@smtp.mailersend.net:587');",
			errors: ['smtpsOnPlainPort'],
		},
	],
});

test('smtps:// on a STARTTLS port, in .env, YAML and PHP', () => {
	const src = 'MAILER_DSN=smtps://smtp.mailersend.net:587';
	const f = findings(src, 'env').find((x) => x.ruleId === R)!;
	assert.match(
		f.detail ?? f.message,
		/Connection could not be established with host "ssl:\/\/smtp\.mailersend\.net:587"/,
	);
	assert.deepEqual(
		f.fixes.map((x) => applyEdits(src, [x.edits]).text),
		['MAILER_DSN=smtp://smtp.mailersend.net:587', 'MAILER_DSN=smtps://smtp.mailersend.net:465'],
	);
});

ruleTester(R, '?encryption= is ignored and verify_peer=0 turns verification off', {
	invalid: [
		{ code: 'MAILER_DSN=smtp://smtp.example.com:465?«verify_peer=false»', kind: 'env', errors: ['verifyPeerOff'] },
	],
});

test('?encryption= is ignored and verify_peer=0 turns verification off', () => {
	const src = 'MAILER_DSN=smtp://user:pass@smtp.example.com:25?encryption=ssl&verify_peer=0';
	const got = findings(src, 'env').filter((f) => f.ruleId === R);
	assert.deepEqual(
		got.map((f) => [src.slice(f.start, f.end), f.severity]),
		[
			['encryption=ssl', 'info'],
			['verify_peer=0', 'warning'],
		],
	);
	assert.match(got[0]!.detail ?? got[0]!.message, /plaintext, then STARTTLS if the server offers it \(port 25\)/);
	assert.equal(
		applyEdits(src, [got[0]!.fixes[0]!.edits]).text,
		'MAILER_DSN=smtp://user:pass@smtp.example.com:25?verify_peer=0',
	);
	assert.equal(
		applyEdits(src, [got[1]!.fixes[0]!.edits]).text,
		'MAILER_DSN=smtp://user:pass@smtp.example.com:25?encryption=ssl',
	);
});

ruleTester(R, "Symfony's documented DSNs are quiet", {
	valid: [
		{ code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:587', kind: 'env' },
		{ code: 'MAILER_DSN=smtp://user:pass@smtp.example.com:465', kind: 'env' },
		{ code: 'MAILER_DSN=smtp://localhost:25', kind: 'env' },
		{ code: 'MAILER_DSN=smtps://smtp.example.com', kind: 'env' },
		{ code: 'MAILER_DSN=smtp://user:pass@smtp.example.com?auto_tls=false', kind: 'env' },
		{ code: 'MAILER_DSN=smtp://user:pass@smtp.example.com?verify_peer=1', kind: 'env' },
		{ code: "MAILER_DSN='%env(SMTPS_DSN)%'", kind: 'env' },
		{ code: 'MAILER_DSN=smtps://${MAIL_HOST}:587', kind: 'env' },
		{ code: 'MAILER_DSN=ses+smtp://USERNAME:PASSWORD@default', kind: 'env' },
		{ code: 'MAILER_DSN=null://null', kind: 'env' },
	],
});

ruleTester(R, 'new EsmtpTransport($host, $port, $tls): $tls decides as the scheme does', {
	valid: [
		"$t = new EsmtpTransport('smtp.example.com', 465);",
		"$t = new EsmtpTransport('smtp.example.com', 587);",
		"$t = new EsmtpTransport('smtp.example.com', 465, true);",
		'$t = new EsmtpTransport($host, $port, $tls);',
	],
	invalid: [
		// Symfony/Component/Mailer/Transport/Smtp/EsmtpTransport.php __construct():
		//     if (null === $tls) { if (465 === $port) { $tls = true; } ...
		// and Stream/SocketStream.php initialize(): if ($this->tls) { $this->url = 'ssl://'.$this->url; }
		{ code: "$t = new EsmtpTransport('smtp.example.com', 587, «true»);", errors: ['tlsTrueOnPlainPort'] },
		{ code: "$t = new EsmtpTransport('smtp.example.com', 465, «false»);", errors: ['tlsFalseOn465'] },
		{
			code: "$port = 587; $t = new EsmtpTransport('smtp.example.com', $port, «true»);",
			errors: ['tlsTrueOnPlainPort'],
		},
	],
});

ruleTester(
	R,
	"a bridge's DSN (mailgun+smtp://): the bridge chooses host, port and TLS; verify_peer still reaches the socket",
	{
		invalid: [
			{
				// symfony/symfony#46979.
				code: 'MAILER_DSN=mailgun+smtp://postmaster%40sandbox.mailgun.org:secret@smtp.mailgun.org:587?«verify_peer=0»',
				kind: 'env',
				errors: ['verifyPeerOff'],
			},
		],
		valid: [
			{ code: 'MAILER_DSN=sendgrid+smtp://apikey:KEY@default', kind: 'env' },
			// The bridge ignores the port: no judgement of 587 against anything.
			{ code: 'MAILER_DSN=mailgun+smtps://user:pass@smtp.mailgun.org:587', kind: 'env' },
			"$dsn = 'ses+smtp://ACCESS_KEY:SECRET_KEY@default?region=eu-west-1';",
		],
	},
);

test("Yii 2's symfonymailer transport without a port is read as a DSN without one: TLS at once on 465 to a remote host", () => {
	// yii2-symfonymailer Mailer::createTransport(): new Dsn($config['scheme'], $config['host'], …, $config['port'] ?? null);
	// Symfony's EsmtpTransport: with no port and no explicit TLS, a host other than localhost gets TLS on 465.
	const [c] = analyze(
		"<?php\n$x = ['transport' => ['scheme' => 'smtp', 'host' => 'smtp.example.com']];\n",
		'php',
	).clients;
	assert.deepEqual([c!.port, c!.mode], [465, 'implicit']);
	const [local] = analyze("<?php\n$x = ['transport' => ['scheme' => 'smtp', 'host' => 'localhost']];\n", 'php').clients;
	assert.deepEqual([local!.port, local!.mode], [25, 'plain']);
});

/** A bridge DSN in .env, with the bridge package's installed version. */
function bridge(dsn: string, pkg: string, version: string, from?: 'composer.json') {
	return {
		code: `MAILER_DSN=${dsn}\n`,
		kind: 'env' as const,
		project: { packages: { [pkg]: version }, ...(from && { from }) },
	};
}

ruleTester(R, 'bridges that started TLS at once on 587, in the versions that did (composer.lock)', {
	// symfony/mailer-send-mailer Transport/MailerSendSmtpTransport.php:
	//     parent::__construct('smtp.mailersend.net', 587, true, $dispatcher, $logger);
	// fixed by symfony/symfony#60640 ("use STARTTLS for SMTP with MailerSend"): CHANGELOG-6.4.md 6.4.23, CHANGELOG-7.3.md 7.3.1.
	// symfony/mailgun-mailer Transport/MailgunSmtpTransport.php at tag v6.3.0:
	//     parent::__construct('us' !== ($region ?: 'us') ? sprintf('smtp.%s.mailgun.org', $region) : 'smtp.mailgun.org', 587, true, …
	// at tag v6.3.2 (symfony/symfony#51042): …, 587, false, …
	// symfony/postmark-mailer Transport/PostmarkSmtpTransport.php at tag v5.0.3:
	//     parent::__construct('smtp.postmarkapp.com', 587, true, $dispatcher, $logger); $this->setUsername($id); $this->setPassword($id);
	// at v5.0.4 and v4.4.4: …, 587, false, … (symfony/symfony#35518); PostmarkTransportFactory makes it for postmark+smtp
	// and postmark+smtps alike. symfony/mailchimp-mailer's MandrillSmtpTransport the same, at the same tags.
	invalid: [
		{
			...bridge('«mailersend+smtp»://USERNAME:PASSWORD@default', 'symfony/mailer-send-mailer', 'v7.3.0'),
			errors: ['bridgeTlsOnPlainPort'],
		},
		{
			...bridge('«mailersend+smtp»://u:p@default?verify_peer=1', 'symfony/mailer-send-mailer', '6.4.22'),
			errors: ['bridgeTlsOnPlainPort'],
		},
		{
			...bridge('«mailgun+smtp»://USERNAME:PASSWORD@default?region=eu', 'symfony/mailgun-mailer', 'v6.3.0'),
			errors: ['bridgeTlsOnPlainPort'],
		},
		{
			...bridge('«postmark+smtp»://ID@default', 'symfony/postmark-mailer', 'v5.0.1'),
			errors: ['bridgeTlsOnPlainPort'],
		},
		{
			...bridge('«postmark+smtps»://ID@default', 'symfony/postmark-mailer', 'v4.4.3'),
			errors: ['bridgeTlsOnPlainPort'],
		},
		{
			...bridge('«mandrill+smtp»://USERNAME:PASSWORD@default', 'symfony/mailchimp-mailer', 'v5.0.0'),
			errors: ['bridgeTlsOnPlainPort'],
		},
	],
	valid: [
		{ code: 'MAILER_DSN=mailersend+smtp://u:p@default\n', kind: 'env' },
		bridge('mailersend+smtp://u:p@default', 'symfony/mailer-send-mailer', 'v6.4.23'),
		bridge('mailersend+smtp://u:p@default', 'symfony/mailer-send-mailer', 'v7.3.1'),
		// 7.2: its fixed patch is not known here.
		bridge('mailersend+smtp://u:p@default', 'symfony/mailer-send-mailer', 'v7.2.0'),
		// A constraint is not the installed version.
		bridge('mailersend+smtp://u:p@default', 'symfony/mailer-send-mailer', '^7.3', 'composer.json'),
		// MailerSendTransportFactory has no mailersend+smtps.
		bridge('mailersend+smtps://u:p@default', 'symfony/mailer-send-mailer', 'v7.0.0'),
		bridge('mailgun+smtp://u:p@default', 'symfony/mailgun-mailer', 'v6.3.2'),
		// 6.2 used 465 with TLS at once: right.
		bridge('mailgun+smtp://u:p@default', 'symfony/mailgun-mailer', 'v6.2.14'),
		bridge('mailgun+smtp://u:p@default', 'symfony/mailgun-mailer', 'v6.4.0'),
		bridge('postmark+smtp://ID@default', 'symfony/postmark-mailer', 'v5.0.4'),
		bridge('mandrill+smtp://U:P@default', 'symfony/mailchimp-mailer', 'v4.4.4'),
		// 4.3 handed 'tls' (STARTTLS) to the older EsmtpTransport.
		bridge('postmark+smtp://ID@default', 'symfony/postmark-mailer', 'v4.3.11'),
	],
});

test("a bridge's fix writes the provider's host (by region) in a plain smtp:// DSN, and Postmark's token twice", () => {
	const cases: [string, string, string, string][] = [
		[
			'mailersend+smtp://USERNAME:PASSWORD@default',
			'symfony/mailer-send-mailer',
			'v7.3.0',
			'smtp://USERNAME:PASSWORD@smtp.mailersend.net:587',
		],
		[
			'mailgun+smtp://USERNAME:PASSWORD@default?region=eu',
			'symfony/mailgun-mailer',
			'v6.3.0',
			'smtp://USERNAME:PASSWORD@smtp.eu.mailgun.org:587?region=eu',
		],
		['postmark+smtp://ID@default', 'symfony/postmark-mailer', 'v5.0.1', 'smtp://ID:ID@smtp.postmarkapp.com:587'],
	];
	for (const [dsn, pkg, version, fixed] of cases) {
		const { code, kind, project } = bridge(dsn, pkg, version);
		const [f] = findings(code, kind, undefined, project).filter((x) => x.ruleId === R);
		assert.equal(applyEdits(code, [f!.fixes[0]!.edits]).text, `MAILER_DSN=${fixed}\n`, dsn);
	}
});
