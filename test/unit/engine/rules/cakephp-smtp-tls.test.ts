import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'cakephp-smtp-tls';

ruleTester(R, "a scheme in 'host' is the transport; 'tls' => true is STARTTLS", {
	// src/Network/Socket.php connect():
	//     if (str_contains($this->_config['host'], '://')) {
	//         [$this->_config['protocol'], $this->_config['host']] = explode('://', $this->_config['host']);
	// src/Mailer/Transport/SmtpTransport.php _connect():
	//     if ($config['tls']) { $this->_smtpSend('STARTTLS', '220'); $this->_socket->enableCrypto('tls'); ...
	//     'SMTP server did not accept the connection or trying to connect to non TLS SMTP server using TLS.'
	invalid: [
		{
			code: "return ['EmailTransport' => ['default' => ['className' => 'Smtp', 'host' => '«ssl://»smtp.example.com', 'port' => 587]]];",
			errors: ['sslOnPlainPort'],
		},
		{
			// cakephp/docs#3149: "SMTP timeout" with 'tls' => true on 465.
			code: "TransportFactory::setConfig('mail', ['className' => 'Smtp', 'host' => 'mail.example.com', 'port' => 465, 'tls' => «true»]);",
			errors: ['plainOn465'],
		},
		{
			code: "TransportFactory::setConfig('mail', ['className' => SmtpTransport::class, 'host' => 'mail.example.com', 'port' => «465»]);",
			errors: ['plainOn465'],
		},
		{
			code: "TransportFactory::setConfig('s', ['className' => 'Smtp', 'host' => 'ssl://mail.example.com', 'port' => 465, 'tls' => «true»]);",
			errors: ['starttlsInsideTls'],
		},
		{
			// CakePHP 2's app/Config/email.php (cakephp/docs#3149: "SMTP timeout" with 'tls' => true on 465).
			code: "class EmailConfig {\n\tpublic $default = array('transport' => 'Smtp', 'host' => 'mail.example.com', 'port' => 465, 'tls' => «true»);\n}",
			errors: ['plainOn465'],
		},
	],
	valid: [
		"TransportFactory::setConfig('gmail', ['host' => 'smtp.gmail.com', 'port' => 587, 'className' => 'Smtp', 'tls' => true]);",
		// cakephp/cakephp#7825, WebDevBr/CakePHP-Brasil#9: the documented Gmail set-up.
		"return ['gmail' => ['host' => 'ssl://smtp.gmail.com', 'port' => 465, 'username' => 'u', 'password' => 'p', 'className' => 'Smtp']];",
		// cakephp/cakephp#7505: STARTTLS on 25 (the report was a self-signed certificate).
		"return ['EmailTransport' => ['default' => ['className' => 'Smtp', 'host' => 'smtp.domain.tld', 'port' => 25, 'timeout' => 30, 'tls' => true]]];",
		// cakephp/cakephp#7825 (CakePHP 2): ssl:// on 465.
		"class EmailConfig {\n\tpublic $gmail = array('host' => 'ssl://smtp.gmail.com', 'port' => 465, 'transport' => 'Smtp');\n}",
		// The Mail transport ignores host and port.
		"return ['EmailTransport' => ['default' => ['className' => MailTransport::class, 'host' => 'localhost', 'port' => 465, 'tls' => false]]];",
		"TransportFactory::setConfig('x', ['className' => 'Smtp', 'host' => $host, 'port' => 465, 'tls' => true]);",
	],
});

test('on 465 the fix writes ssl:// before the host and turns STARTTLS off, in one edit set', () => {
	const f = findings(
		"TransportFactory::setConfig('m', ['className' => 'Smtp', 'host' => 'mail.example.com', 'port' => 465, 'tls' => true]);",
	).find((x) => x.ruleId === R)!;
	assert.equal(f.fixes[0]!.title, "Write ssl:// before the host and set 'tls' => false");
	assert.deepEqual(
		f.fixes[0]!.edits.map((e) => e.text),
		['ssl://', 'false'],
	);
	assert.equal(f.fixes[1]!.title, "Use port 587 (STARTTLS with 'tls' => true)");
	assert.match(f.detail!, /SMTP timeout\./);
});

ruleTester(R, "CakePHP's transport URLs: TransportFactory reads ?tls=true as the SmtpTransport's 'tls' option", {
	invalid: [
		{
			code: 'export EMAIL_TRANSPORT_DEFAULT_URL="smtp://my@gmail.com:secret@smtp.gmail.com:465?tls=«true»"',
			kind: 'env',
			errors: ['plainOn465Url'],
		},
	],
	valid: [
		// cakephp/app's config/.env.example.
		{
			code: 'export EMAIL_TRANSPORT_DEFAULT_URL="smtp://my@gmail.com:secret@smtp.gmail.com:587?tls=true"',
			kind: 'env',
		},
		{ code: 'EMAIL_TRANSPORT_DEFAULT_URL="smtp://mailpit:1025"', kind: 'env' },
		{ code: 'EMAIL_TRANSPORT_DEFAULT_URL="debug://"', kind: 'env' },
	],
});

ruleTester(R, "no 'tls' => true to a server that takes nothing before STARTTLS (Gmail, Microsoft 365)", {
	// src/Mailer/Transport/SmtpTransport.php _connect(): STARTTLS only `if ($config['tls'])`; _auth() then sends
	// AUTH PLAIN / AUTH LOGIN in plaintext, and _smtpSend() throws "SMTP Error: %s" on the 530.
	invalid: [
		{
			// passbolt/passbolt_api#51 (CakePHP 2): "SMTP Error: 530 5.7.0 Must issue a STARTTLS command first."
			code: "class EmailConfig {\n\tpublic $default = array('transport' => 'Smtp', 'host' => 'smtp.gmail.com', 'port' => «587», 'username' => 'u', 'password' => 'p');\n}",
			errors: ['starttlsRequired'],
		},
		{
			code: "TransportFactory::setConfig('o', ['className' => 'Smtp', 'host' => 'smtp.office365.com', 'port' => 587, 'tls' => «false»]);",
			errors: ['starttlsRequired'],
			output:
				"TransportFactory::setConfig('o', ['className' => 'Smtp', 'host' => 'smtp.office365.com', 'port' => 587, 'tls' => true]);",
		},
	],
	valid: [
		"TransportFactory::setConfig('g', ['className' => 'Smtp', 'host' => 'smtp.gmail.com', 'port' => 587, 'tls' => true]);",
		"TransportFactory::setConfig('x', ['className' => 'Smtp', 'host' => 'mail.example.com', 'port' => 587, 'tls' => false]);",
	],
});

test("without a 'tls' key the fix for a Gmail transport is ssl:// on 465", () => {
	const f = findings(
		"TransportFactory::setConfig('g', ['className' => 'Smtp', 'host' => 'smtp.gmail.com', 'port' => 587]);",
	).find((x) => x.ruleId === R)!;
	assert.deepEqual(
		f.fixes.map((x) => [x.title, x.edits.map((e) => e.text)]),
		[['Write ssl:// before the host and use port 465', ['ssl://', '465']]],
	);
});
