import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'imap-encryption';

ruleTester(R, "php-imap: 'ssl' and 'tls' are TLS at once, 'starttls' upgrades", {
	// src/Connection/Protocols/ImapProtocol.php connect():
	//     if (in_array($encryption, ['ssl', 'tls'])) { $transport = $encryption; ...
	//     if ($encryption == 'starttls') { $this->enableStartTls(); }
	invalid: [
		{
			// laravel-imap's config/imap.php: 'encryption' => env('IMAP_ENCRYPTION', 'ssl'), 'port' => env('IMAP_PORT', 993).
			code: 'IMAP_HOST=imap.example.com\nIMAP_PORT=143\nIMAP_ENCRYPTION=«tls»',
			kind: 'env',
			errors: ['tlsOnPlainPort'],
		},
		{
			code: "$c = $cm->make(['host' => 'imap.example.com', 'port' => 143, 'encryption' => '«ssl»', 'validate_cert' => true]);",
			errors: ['tlsOnPlainPort'],
		},
		{
			code: "return ['accounts' => ['default' => ['host' => 'imap.example.com', 'port' => 993, 'encryption' => '«starttls»']]];",
			errors: ['plainOnTlsPort'],
		},
		{
			code: "$c = $cm->make(['host' => 'imap.example.com', 'port' => 993, 'encryption' => «false», 'protocol' => 'imap']);",
			errors: ['plainOnTlsPort'],
		},
	],
	valid: [
		{ code: 'IMAP_HOST=imap.example.com\nIMAP_PORT=993\nIMAP_ENCRYPTION=ssl\nIMAP_PROTOCOL=imap', kind: 'env' },
		{ code: 'IMAP_PORT=143\nIMAP_ENCRYPTION=tls\nIMAP_PROTOCOL=legacy-imap', kind: 'env' },
		"return ['accounts' => ['default' => ['host' => 'localhost', 'port' => 993, 'protocol' => 'imap', 'encryption' => 'ssl', 'validate_cert' => true]]];",
		"$c = $cm->make(['host' => 'imap.example.com', 'port' => 993, 'encryption' => 'tls', 'protocol' => 'imap']);",
		"$c = $cm->make(['host' => 'imap.example.com', 'port' => 143, 'encryption' => 'starttls', 'protocol' => 'imap']);",
		// Webklex/laravel-imap#409: POP3 goes through imap_open() (the legacy protocol), whose flags differ.
		"$c = $cm->make(['host' => 'mail.host.com', 'port' => 110, 'encryption' => false, 'protocol' => 'pop3']);",
		"$c = $cm->make(['host' => 'h', 'port' => 143, 'encryption' => 'tls', 'protocol' => 'legacy-imap']);",
		"$c = $cm->make(['host' => 'h', 'port' => env('IMAP_PORT'), 'encryption' => 'ssl', 'protocol' => 'imap']);",
		// An SMTP port: mail-port-protocol's finding, not this rule's (no encryption value fits it).
		"$c = $cm->make(['host' => 'h', 'port' => 587, 'encryption' => 'tls', 'protocol' => 'imap']);",
		// Not an IMAP account: nothing says so.
		"$x = ['host' => 'h', 'port' => 143, 'encryption' => 'ssl'];",
	],
});

ruleTester(R, "php-imap 1 and laravel-imap 1 (composer.lock): imap_open() flags, where 'tls' is STARTTLS", {
	// php-imap 1.4.5 src/Client.php getAddress(): imap_open()'s mailbox flags, compared exactly:
	//     if (in_array($this->encryption,['tls', 'notls', 'ssl'])) { $address .= '/'.$this->encryption;
	//     } elseif ($this->encryption === "starttls") { $address .= '/tls';
	// and imap_open(): "/tls  force use of start-TLS to encrypt the session".
	invalid: [
		{
			// Webklex/laravel-imap#67 (2018, laravel-imap 1): "imap_open(): Couldn't open stream {imap.gmail.com:993/imap}".
			code: 'IMAP_HOST=imap.gmail.com\nIMAP_PORT=993\nIMAP_ENCRYPTION=«tls»\nIMAP_VALIDATE_CERT=true',
			kind: 'env',
			project: { packages: { 'webklex/laravel-imap': '1.2.7' }, from: 'composer.lock' },
			errors: ['plainOnTlsPort'],
		},
		{
			// Webklex/laravel-imap#132 (2018): 'TLS' matches no flag, so c-client connects in plaintext first.
			code: "return ['accounts' => ['default' => ['host' => 'outlook.office365.com', 'port' => 993, 'protocol' => 'imap', 'encryption' => '«TLS»']]];",
			project: { packages: { 'webklex/laravel-imap': '1.2.7' }, from: 'composer.lock' },
			errors: ['plainOnTlsPort'],
		},
	],
	valid: [
		{
			code: 'IMAP_HOST=imap.example.com\nIMAP_PORT=143\nIMAP_ENCRYPTION=tls',
			kind: 'env',
			project: { packages: { 'webklex/php-imap': '1.4.5' }, from: 'composer.lock' },
		},
		{
			code: 'IMAP_HOST=imap.gmail.com\nIMAP_PORT=993\nIMAP_ENCRYPTION=tls',
			kind: 'env',
			project: { packages: { 'webklex/laravel-imap': '2.4.2', 'webklex/php-imap': '2.7.2' }, from: 'composer.lock' },
		},
		// No composer.lock: php-imap 2+, where 'tls' is TLS at once.
		{ code: 'IMAP_HOST=imap.gmail.com\nIMAP_PORT=993\nIMAP_ENCRYPTION=tls', kind: 'env' },
	],
});

test('the fixes change the encryption or the port; Test connection speaks IMAP', () => {
	const f = findings(
		"$c = $cm->make(['host' => 'imap.example.com', 'port' => 143, 'encryption' => 'tls', 'protocol' => 'imap']);",
	).find((x) => x.ruleId === R)!;
	assert.deepEqual(
		f.fixes.map((x) => x.edits[0]!.text),
		['starttls', '993'],
	);
});
