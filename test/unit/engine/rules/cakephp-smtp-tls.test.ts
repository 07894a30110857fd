import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, testTargets } from '../../../../server/src/engine/index';
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

ruleTester(R, "Passbolt's EMAIL_TRANSPORT_DEFAULT_*: the TLS variable is a string, and 'false' is true", {
	// passbolt_api config/app.default.php: 'tls' => env('EMAIL_TRANSPORT_DEFAULT_TLS', null),
	// cakephp src/Core/functions.php env(): `$val = $_SERVER[$key] ?? $_ENV[$key] ?? null; ... return $val;` (a string)
	// src/Mailer/Transport/SmtpTransport.php _connect(): if ($config['tls']) { $this->_smtpSend('STARTTLS', '220'); ...
	invalid: [
		{
			// passbolt/passbolt-helm#9: "Mail TLS is used even if value set to false" (printenv in the container).
			code: 'EMAIL_TRANSPORT_DEFAULT_PORT=25\nEMAIL_TRANSPORT_DEFAULT_HOST=ourpostfix\nEMAIL_TRANSPORT_DEFAULT_TLS=«false»',
			kind: 'env',
			errors: ['tlsString'],
		},
		{
			// passbolt/passbolt_docker#151, following help.passbolt.com's SSL example: STARTTLS inside TLS.
			code: 'EMAIL_TRANSPORT_DEFAULT_HOST=ssl://mail.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=465\nEMAIL_TRANSPORT_DEFAULT_TLS=«null»',
			kind: 'env',
			errors: ['starttlsInsideTls'],
		},
		{
			code: 'services:\n  passbolt:\n    image: passbolt/passbolt:latest-ce\n    environment:\n      EMAIL_TRANSPORT_DEFAULT_HOST: "mail.example.com"\n      EMAIL_TRANSPORT_DEFAULT_PORT: 465\n      EMAIL_TRANSPORT_DEFAULT_TLS: "«true»"\n',
			kind: 'yaml',
			errors: ['plainOn465'],
		},
	],
	valid: [
		{
			code: 'EMAIL_TRANSPORT_DEFAULT_HOST=smtp.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=587\nEMAIL_TRANSPORT_DEFAULT_TLS=true',
			kind: 'env',
		},
		{
			code: 'EMAIL_TRANSPORT_DEFAULT_HOST=ssl://smtp.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=465\nEMAIL_TRANSPORT_DEFAULT_TLS=',
			kind: 'env',
		},
		// passbolt_docker's docker-compose: plaintext on 587 to a server whose policy is not known.
		{
			code: 'environment:\n  EMAIL_TRANSPORT_DEFAULT_HOST: "smtp.domain.tld"\n  EMAIL_TRANSPORT_DEFAULT_PORT: 587\n',
			kind: 'yaml',
		},
		// '0' is false in PHP.
		{
			code: 'EMAIL_TRANSPORT_DEFAULT_HOST=smtp.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=25\nEMAIL_TRANSPORT_DEFAULT_TLS=0',
			kind: 'env',
		},
		// A transport URL replaces the other keys; another class ignores them.
		{
			code: 'EMAIL_TRANSPORT_DEFAULT_URL=smtp://mail.example.com:587?tls=true\nEMAIL_TRANSPORT_DEFAULT_TLS=false',
			kind: 'env',
		},
		{ code: 'EMAIL_TRANSPORT_DEFAULT_CLASS_NAME=Debug\nEMAIL_TRANSPORT_DEFAULT_TLS=false', kind: 'env' },
	],
});

test("Passbolt's 'false': the fix empties the variable, and a Gmail host without it gets the STARTTLS message in its terms", () => {
	const text = 'EMAIL_TRANSPORT_DEFAULT_TLS=false\n';
	const [f] = findings(text, 'env').filter((x) => x.ruleId === R);
	assert.deepEqual(f!.fixes[0]!.edits, [{ start: 28, end: 33, text: '' }]);
	assert.match(f!.detail!, /every string but '' and '0' is true/);
	const [g] = findings('EMAIL_TRANSPORT_DEFAULT_HOST=smtp.gmail.com\nEMAIL_TRANSPORT_DEFAULT_PORT=587\n', 'env');
	assert.equal(g!.messageId, 'starttlsRequired');
	assert.match(g!.message, /Set EMAIL_TRANSPORT_DEFAULT_TLS=true/);
});

test('Test connection connects to a Passbolt configuration as CakePHP will: TLS=false is STARTTLS, ssl:// is TLS at once', () => {
	const targets = (text: string) =>
		testTargets(analyze(text, 'env')).map(({ target, starttls }) => ({ target, starttls }));
	assert.deepEqual(
		targets(
			'EMAIL_TRANSPORT_DEFAULT_HOST=relay.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=25\nEMAIL_TRANSPORT_DEFAULT_TLS=false\n',
		),
		[{ target: 'tcp://relay.example.com:25', starttls: 'smtp' }],
	);
	assert.deepEqual(
		targets(
			'EMAIL_TRANSPORT_DEFAULT_HOST=relay.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=25\nEMAIL_TRANSPORT_DEFAULT_TLS=\n',
		),
		[{ target: 'tcp://relay.example.com:25', starttls: undefined }],
	);
	assert.deepEqual(targets('EMAIL_TRANSPORT_DEFAULT_HOST=ssl://smtp.example.com\nEMAIL_TRANSPORT_DEFAULT_PORT=465\n'), [
		{ target: 'tls://smtp.example.com:465', starttls: undefined },
	]);
});
