import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'roundcube-host-prefix';

ruleTester(R, "Roundcube's ssl:// is implicit TLS, its tls:// is STARTTLS", {
	// config/defaults.inc.php: "Enter hostname with prefix ssl:// to use Implicit TLS, or tls:// for STARTTLS.
	// If port number is omitted it will be set to 465 (for ssl://) or 587 otherwise."
	// program/lib/Roundcube/rcube_smtp.php connect():
	//     [$smtp_host, $scheme, $smtp_port] = rcube_utils::parse_host_uri($smtp_host, 587, 465);
	//     $use_tls = $scheme === 'tls';
	invalid: [
		{
			// The roundcube/roundcubemail image's docker-entrypoint.sh:
			//     \$config['imap_host'] = '${ROUNDCUBEMAIL_DEFAULT_HOST}:${ROUNDCUBEMAIL_DEFAULT_PORT}';
			//     \$config['smtp_host'] = '${ROUNDCUBEMAIL_SMTP_SERVER}:${ROUNDCUBEMAIL_SMTP_PORT}';
			code: 'services:\n  roundcube:\n    environment:\n      - ROUNDCUBEMAIL_DEFAULT_HOST=«tls»://mail.example.com\n      - ROUNDCUBEMAIL_DEFAULT_PORT=993\n      - ROUNDCUBEMAIL_SMTP_SERVER=«ssl»://mail.example.com\n      - ROUNDCUBEMAIL_SMTP_PORT=587',
			kind: 'yaml',
			errors: ['starttlsOnTlsPort', 'sslOnPlainPort'],
		},
		{ code: "$config['smtp_host'] = '«ssl»://mail.example.com:587';", errors: ['sslOnPlainPort'] },
		{ code: "$config['imap_host'] = '«tls»://mail.example.com:993';", errors: ['starttlsOnTlsPort'] },
		{ code: "$config['imap_host'] = 'mail.example.com:«993»';", errors: ['plainOnTlsPort'] },
		{
			// roundcube/roundcubemail#8461: "Empty startup greeting (abc.foo:993)".
			code: "$config['default_host'] = '«tls»://abc.foo';\n$config['default_port'] = 993;",
			errors: ['starttlsOnTlsPort'],
		},
		{
			// roundcube/roundcubemail#6188: "unable to connect to ssl://mail.myserver.com:587 (Unknown error)".
			code: "$config['smtp_server'] = '«ssl»://mail.myserver.com';\n$config['smtp_port'] = 587;",
			errors: ['sslOnPlainPort'],
		},
	],
	valid: [
		{
			code: 'ROUNDCUBEMAIL_DEFAULT_HOST=ssl://mail.example.com\nROUNDCUBEMAIL_DEFAULT_PORT=993\nROUNDCUBEMAIL_SMTP_SERVER=tls://mail.example.com\nROUNDCUBEMAIL_SMTP_PORT=587',
			kind: 'env',
		},
		// No port: the image's defaults (143, 587) fit tls://.
		{
			code: 'ROUNDCUBEMAIL_DEFAULT_HOST=tls://mail.example.com\nROUNDCUBEMAIL_SMTP_SERVER=tls://mail.example.com',
			kind: 'env',
		},
		"$config['imap_host'] = 'localhost:143';\n$config['smtp_host'] = 'localhost:587';",
		// The do-not-flag list: tls:// with 587 is STARTTLS in Roundcube.
		"$config['imap_host'] = 'tls://mail.example.com:143';\n$config['smtp_host'] = 'tls://mail.example.com:587';",
		"$config['smtp_host'] = 'ssl://mail.example.com:465';",
		"$config['default_host'] = 'ssl://imap.example.com';\n$config['default_port'] = 993;",
		// No port written: Roundcube's default follows the prefix.
		"$config['imap_host'] = 'tls://mail.example.com';\n$config['smtp_host'] = 'ssl://mail.example.com';",
		"$config['smtp_host'] = 'tls://%n:587';",
		"$config['smtp_host'] = ['imap.example.com' => 'smtp.example.net'];",
		// Not Roundcube: another variable.
		"$settings['smtp_host'] = 'ssl://mail.example.com:587';",
	],
});

test('the fixes change the prefix or the port, and a missing prefix is inserted', () => {
	const f = findings("$config['imap_host'] = 'mail.example.com:993';").find((x) => x.ruleId === R)!;
	assert.equal(f.fixes[0]!.title, 'Use ssl:// (implicit TLS) on port 993');
	assert.equal(f.fixes[0]!.edits[0]!.text, 'ssl://');
	const g = findings("$config['smtp_host'] = 'ssl://mail.example.com:587';").find((x) => x.ruleId === R)!;
	assert.deepEqual(
		g.fixes.map((x) => x.edits[0]!.text),
		['tls', '465'],
	);
	assert.match(g.related![0]!.message, /smtp_host port/);
});

ruleTester(R, 'no tls:// to a server that takes nothing before STARTTLS (Gmail, Microsoft 365)', {
	// program/lib/Roundcube/rcube_smtp.php connect(): $use_tls = $scheme === 'tls'; … if ($use_tls) { $result =
	// $this->conn->starttls(); } … $this->conn->auth($smtp_user, $smtp_pass, $smtp_auth_type, false, $smtp_authz);
	invalid: [
		{
			code: "$config['smtp_host'] = 'smtp.gmail.com:«587»';",
			errors: ['starttlsRequired'],
			output: "$config['smtp_host'] = 'tls://smtp.gmail.com:587';",
		},
		{
			code: "$config['smtp_server'] = 'smtp.office365.com';\n$config['smtp_port'] = «587»;",
			errors: ['starttlsRequired'],
			output: "$config['smtp_server'] = 'tls://smtp.office365.com';\n$config['smtp_port'] = 587;",
		},
	],
	valid: [
		"$config['smtp_host'] = 'tls://smtp.gmail.com:587';",
		// deflomu/Roundcube-SMTP-per-Identity-Plugin#14: Gmail with tls:// on 587 works.
		"$config['smtp_server'] = 'tls://smtp.gmail.com';\n$config['smtp_port'] = 587;",
		"$config['smtp_host'] = 'localhost:587';",
		// IMAP is not judged by this (Gmail's IMAP has no plaintext port at all).
		"$config['imap_host'] = 'imap.gmail.com:143';",
	],
});
