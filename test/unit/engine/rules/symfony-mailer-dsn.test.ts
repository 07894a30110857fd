import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { check, findings, quiet } from '../../../helpers/marked';

const R = 'symfony-mailer-dsn';

test('smtps:// on a STARTTLS port, in .env, YAML and PHP', () => {
	check(R, 'MAILER_DSN=«smtps»://user:pass@smtp.example.com:587', 'env');
	check(R, "framework:\n  mailer:\n    dsn: '«smtps»://smtp.example.com:25'\n", 'yaml');
	check(R, "$transport = Transport::fromDsn('«smtps»://user:pass@smtp.mailersend.net:587');");
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
	check(R, 'MAILER_DSN=smtp://smtp.example.com:465?«verify_peer=false»', 'env');
});

test("Symfony's documented DSNs are quiet", () => {
	quiet(R, 'MAILER_DSN=smtp://user:pass@smtp.example.com:587', 'env');
	quiet(R, 'MAILER_DSN=smtp://user:pass@smtp.example.com:465', 'env');
	quiet(R, 'MAILER_DSN=smtp://localhost:25', 'env');
	quiet(R, 'MAILER_DSN=smtps://smtp.example.com', 'env');
	quiet(R, 'MAILER_DSN=smtp://user:pass@smtp.example.com?auto_tls=false', 'env');
	quiet(R, 'MAILER_DSN=smtp://user:pass@smtp.example.com?verify_peer=1', 'env');
	quiet(R, "MAILER_DSN='%env(SMTPS_DSN)%'", 'env');
	quiet(R, 'MAILER_DSN=smtps://${MAIL_HOST}:587', 'env');
	quiet(R, 'MAILER_DSN=ses+smtp://USERNAME:PASSWORD@default', 'env');
	quiet(R, 'MAILER_DSN=null://null', 'env');
});

test('new EsmtpTransport($host, $port, $tls): $tls decides as the scheme does', () => {
	// Symfony/Component/Mailer/Transport/Smtp/EsmtpTransport.php __construct():
	//     if (null === $tls) { if (465 === $port) { $tls = true; } ...
	// and Stream/SocketStream.php initialize(): if ($this->tls) { $this->url = 'ssl://'.$this->url; }
	check(R, "$t = new EsmtpTransport('smtp.example.com', 587, «true»);");
	check(R, "$t = new EsmtpTransport('smtp.example.com', 465, «false»);");
	check(R, "$port = 587; $t = new EsmtpTransport('smtp.example.com', $port, «true»);");
	quiet(R, "$t = new EsmtpTransport('smtp.example.com', 465);");
	quiet(R, "$t = new EsmtpTransport('smtp.example.com', 587);");
	quiet(R, "$t = new EsmtpTransport('smtp.example.com', 465, true);");
	quiet(R, '$t = new EsmtpTransport($host, $port, $tls);');
});
