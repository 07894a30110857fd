import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'mail-port-protocol';

ruleTester(R, "an SMTP setting on POP3's or IMAP's port", {
	// PHPMailer src/SMTP.php connect(): the greeting must be SMTP's 220, anything else closes the connection:
	//     $responseCode = (int)substr($this->last_reply, 0, 3);
	//     if ($responseCode === 220) { return true; }
	//     //Anything other than a 220 response means something went wrong
	invalid: [
		{
			// PHPMailer#1351 (WP Mail SMTP 1.2.4): "Connection: opening to ssl://pop.secureserver.net:110" and
			// "SSL23_GET_SERVER_HELLO:unknown protocol"; the maintainer: "Why are you trying to connect to a POP3 server?"
			code: "$mail = new PHPMailer();\n$mail->isSMTP();\n$mail->Host = 'pop.secureserver.net';\n$mail->Port = «110»;\n$mail->SMTPSecure = 'ssl';",
			errors: ['otherProtocol'],
		},
		{
			// The same settings as WP Mail SMTP's constants, which the plugin hands to PHPMailer.
			code: "define( 'WPMS_ON', true );\ndefine( 'WPMS_MAILER', 'smtp' );\ndefine( 'WPMS_SMTP_HOST', 'pop.secureserver.net' );\ndefine( 'WPMS_SMTP_PORT', «110» );\ndefine( 'WPMS_SSL', 'ssl' );",
			errors: ['otherProtocol'],
		},
		{
			code: 'MAIL_MAILER=smtp\nMAIL_HOST=imap.example.com\nMAIL_PORT=«993»\nMAIL_ENCRYPTION=tls',
			kind: 'env',
			errors: ['otherProtocol'],
		},
		{
			code: "$config['smtp_host'] = 'ssl://mail.example.com:«143»';",
			errors: ['otherProtocol'],
		},
		{
			code: 'MAILER_DSN=smtp://user:pass@mail.example.com:«995»',
			kind: 'env',
			errors: ['otherProtocol'],
		},
	],
	valid: [
		"$mail = new PHPMailer();\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->Port = 465;\n$mail->SMTPSecure = 'ssl';",
		'MAIL_MAILER=smtp\nMAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_ENCRYPTION=tls',
		// Roundcube's IMAP setting on IMAP's ports.
		"$config['imap_host'] = 'ssl://mail.example.com:993';",
		"$config['imap_host'] = 'tls://mail.example.com:143';",
		// A port that is not written: the library's default is its own protocol's.
		"$mail = new PHPMailer();\n$mail->isSMTP();\n$mail->Host = 'smtp.example.com';\n$mail->SMTPSecure = 'tls';",
	],
});

ruleTester(R, "an IMAP setting on SMTP's or POP3's port", {
	// php-imap src/Connection/Protocols/ImapProtocol.php connect(): IMAP's greeting or nothing:
	//     if (!$this->stream || !$this->assumedNextLine($response, '* OK')) {
	//         throw new ConnectionFailedException('connection refused');
	invalid: [
		{
			// Webklex/php-imap#581: "Unable to connect to tls://xxxxxx.goserver.host:587".
			code: "$c = $cm->make([\n\t'host' => 'xxxxxx.goserver.host',\n\t'port' => «587»,\n\t'encryption' => 'tls',\n\t'protocol' => 'imap'\n]);",
			errors: ['otherProtocol'],
		},
		{
			code: 'IMAP_HOST=mail.example.com\nIMAP_PORT=«465»\nIMAP_ENCRYPTION=starttls',
			kind: 'env',
			errors: ['otherProtocol'],
		},
		{
			code: "$config['imap_host'] = 'tls://mail.example.com:«110»';",
			errors: ['otherProtocol'],
		},
	],
	valid: [
		"$c = $cm->make(['host' => 'imap.example.com', 'port' => 993, 'encryption' => 'ssl', 'protocol' => 'imap']);",
		// POP3 through php-imap's legacy protocol is not an IMAP account.
		"$c = $cm->make(['host' => 'mail.host.com', 'port' => 110, 'encryption' => false, 'protocol' => 'pop3']);",
	],
});

test('the message says what the client meets there, by how it connects', () => {
	const [tlsToPlain] = findings(
		"<?php\n$mail = new PHPMailer();\n$mail->isSMTP();\n$mail->Port = 110;\n$mail->SMTPSecure = 'ssl';\n",
		'php',
	).filter((f) => f.ruleId === R);
	assert.equal(
		tlsToPlain?.message,
		'PHPMailer speaks SMTP, but port 110 is POP3: the TLS handshake fails ("wrong version number"). Use SMTP\'s port 465.',
	);
	const [plainToTls] = findings(
		"<?php\n$mail = new PHPMailer();\n$mail->isSMTP();\n$mail->Port = 993;\n$mail->SMTPSecure = 'tls';\n",
		'php',
	).filter((f) => f.ruleId === R);
	assert.match(
		plainToTls!.message,
		/port 993 is IMAPS: it waits for a TLS handshake and times out\. Use SMTP's port 587\./,
	);
	// The port fix is offered, not preferred: the server's port (and host) are the user's to know.
	assert.deepEqual(
		tlsToPlain!.fixes.map((f) => [f.title, f.edits.map((e) => e.text), f.preferred ?? false]),
		[['Use port 465 (SMTPS)', ['465'], false]],
	);
	// The TLS rule stays quiet on such a port: its advice (STARTTLS on 110) would not help.
	const all = findings(
		"<?php\n$mail = new PHPMailer();\n$mail->isSMTP();\n$mail->Port = 110;\n$mail->SMTPSecure = 'ssl';\n",
		'php',
	);
	assert.deepEqual(
		all.map((f) => f.ruleId),
		[R],
	);
});
