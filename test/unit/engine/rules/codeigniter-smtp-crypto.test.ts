import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'codeigniter-smtp-crypto';

ruleTester(R, "CodeIgniter 3: 'ssl' opens ssl://, 'tls' is STARTTLS, anything else no encryption", {
	// system/libraries/Email.php _smtp_connect():
	//     $ssl = ($this->smtp_crypto === 'ssl') ? 'ssl://' : '';
	//     $this->_smtp_connect = fsockopen($ssl.$this->smtp_host, $this->smtp_port, ...
	//     if ($this->smtp_crypto === 'tls') { $this->_send_command('hello'); $this->_send_command('starttls'); ...
	invalid: [
		{
			// CodeIgniter 4 reads `email.SMTPCrypto` in .env into Config\Email's property.
			code: 'email.protocol = smtp\nemail.SMTPPort = 587\nemail.SMTPCrypto = «ssl»',
			kind: 'env',
			errors: ['sslOnPlainPort'],
		},
		{
			code: "$config['protocol'] = 'smtp';\n$config['smtp_host'] = 'smtp.example.com';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = '«ssl»';",
			errors: ['sslOnPlainPort'],
		},
		{
			code: "$config['smtp_host'] = 'smtp.gmail.com';\n$config['smtp_port'] = 465;\n$config['smtp_crypto'] = '«tls»';",
			errors: ['starttlsOn465'],
		},
		{
			code: "$this->email->initialize(['protocol' => 'smtp', 'smtp_host' => 'mail.example.com', 'smtp_port' => 465, 'smtp_crypto' => '«»']);",
			errors: ['starttlsOn465'],
		},
		{
			// The host's scheme reaches fsockopen() as written: ssl:// on 587.
			code: "$config['smtp_host'] = '«ssl»://smtp.example.com';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = '';",
			errors: ['sslOnPlainPort'],
		},
		{
			// A scheme written twice ("getaddrinfo for ssl failed", the failure givanz/Vvveb#510 reports in another app).
			code: "$config['smtp_host'] = '«ssl://»smtp.gmail.com';\n$config['smtp_port'] = 465;\n$config['smtp_crypto'] = 'ssl';",
			errors: ['schemeTwice'],
			output: "$config['smtp_host'] = 'smtp.gmail.com';\n$config['smtp_port'] = 465;\n$config['smtp_crypto'] = 'ssl';",
		},
		{
			// Compared with ===: 'TLS' is no encryption.
			code: "$config['smtp_port'] = 587;\n$config['smtp_crypto'] = '«TLS»';",
			errors: ['unknownValue'],
			output: "$config['smtp_port'] = 587;\n$config['smtp_crypto'] = 'tls';",
		},
		{
			code: "$config['smtp_port'] = 465;\n$config['smtp_crypto'] = '«SSL»';",
			errors: ['unknownValue'],
			output: "$config['smtp_port'] = 465;\n$config['smtp_crypto'] = 'ssl';",
		},
	],
	valid: [
		"$config['protocol'] = 'smtp';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = 'tls';",
		// bcit-ci/CodeIgniter#2320 and #5608: the scheme in the host, on 465.
		"$config = array('protocol' => 'smtp', 'smtp_host' => 'ssl://smtp.example.com', 'smtp_port' => 465, 'smtp_user' => 'u', 'smtp_pass' => 'p');",
		"$config['smtp_host'] = 'smtp.gmail.com';\n$config['smtp_port'] = 465;\n$config['smtp_crypto'] = 'ssl';",
		// Not SMTP: the smtp_* settings are not used.
		"$config['protocol'] = 'mail';\n$config['smtp_port'] = 465;\n$config['smtp_crypto'] = 'tls';",
		// smtp_crypto comes from config/email.php when not given here: not known.
		"$this->email->initialize(['smtp_host' => 'smtp.gmail.com', 'smtp_port' => 465]);",
		"$config['smtp_port'] = $port;\n$config['smtp_crypto'] = 'ssl';",
		// 'none' means no encryption, and says so.
		"$config['smtp_port'] = 25;\n$config['smtp_crypto'] = 'none';",
	],
});

ruleTester(R, "CodeIgniter 3's load->library('email', $config): the library is made from that array alone", {
	// system/core/Loader.php _ci_init_library(): config/email.php is read only `if ($config === NULL)`;
	// system/libraries/Email.php: `public $smtp_crypto = '';` (no encryption).
	invalid: [
		{
			// gist.github.com/abelorian/0d5190c162092665a5c5: 465 without smtp_crypto, the library loaded with it.
			code: "$config = Array(\n'protocol' => 'smtp',\n'smtp_host' => 'smtp.tuhost.cl',\n'smtp_port' => «465»,\n'mailtype' => 'html'\n);\n$this->load->library('email', $config);",
			errors: ['starttlsOn465'],
		},
		{
			code: "$this->load->library('email', array('protocol' => 'smtp', 'smtp_host' => 'smtp.example.com', 'smtp_port' => '«465»'));",
			errors: ['starttlsOn465'],
		},
	],
	valid: [
		// initialize() after load: config/email.php may have set smtp_crypto.
		"$this->email->initialize(array('protocol' => 'smtp', 'smtp_port' => 465));",
		"$this->load->library('email');\n$config = array('protocol' => 'smtp', 'smtp_host' => 'smtp.example.com', 'smtp_port' => 465);\n$this->email->initialize($config);",
		// Another variable is loaded, or this one is replaced before.
		"$config = array('protocol' => 'smtp', 'smtp_port' => 465);\n$this->load->library('email', $other);",
		"$config = array('protocol' => 'smtp', 'smtp_port' => 465);\n$config = array('smtp_crypto' => 'ssl');\n$this->load->library('email', $config);",
		// pastebin.com/v6KM23yk: 587 with 'tls'.
		"$config = [\n'protocol' => 'smtp',\n'smtp_host' => 'smtp.gmail.com',\n'smtp_port' => 587,\n'smtp_crypto' => 'tls',\n];\n$this->load->library('email', $config);",
	],
});

test("load->library('email', [...]) without smtp_crypto: the fix adds it after the port", () => {
	const src = "<?php $this->load->library('email', array('protocol' => 'smtp', 'smtp_port' => '465'));";
	const f = findings(src).find((x) => x.ruleId === R)!;
	assert.deepEqual(
		f.fixes.map((x) => applyEdits(src, [x.edits]).text),
		["<?php $this->load->library('email', array('protocol' => 'smtp', 'smtp_port' => '465', 'smtp_crypto' => 'ssl'));"],
	);
});

ruleTester(R, 'CodeIgniter 4: port 465 opens tls:// by itself, and SMTPCrypto tls still sends STARTTLS', {
	// system/Email/Email.php SMTPConnect():
	//     if ($this->SMTPPort === 465) { $ssl = 'tls://'; }
	//     if ($this->SMTPCrypto === 'ssl') { $ssl = 'ssl://'; }
	//     ...
	//     if ($this->SMTPCrypto === 'tls') { $this->sendCommand('hello'); $this->sendCommand('starttls'); ...
	// app/Config/Email.php: "Connection on port 465 should set this to ''."
	invalid: [
		{
			code: "class Email extends BaseConfig\n{\n    public string $protocol = 'smtp';\n    public string $SMTPHost = 'smtp.gmail.com';\n    public int $SMTPPort = 465;\n    public string $SMTPCrypto = '«tls»';\n}",
			errors: ['starttlsInsideTls'],
		},
		{
			code: "$email->initialize(['SMTPHost' => 'smtp.example.com', 'SMTPPort' => 587, 'SMTPCrypto' => '«ssl»']);",
			errors: ['sslOnPlainPort'],
		},
		{
			// Email::initialize() copies the array's value as written: '465' is a string, and
			//     if ($this->SMTPPort === 465) { $ssl = 'tls://'; }
			// does not hold, so CodeIgniter 4 speaks plaintext and then STARTTLS to an SMTPS port.
			code: "$email->initialize(['SMTPHost' => 'smtp.example.com', 'SMTPPort' => '465', 'SMTPCrypto' => '«tls»']);",
			errors: ['starttlsOn465'],
		},
	],
	valid: [
		"class Email extends BaseConfig\n{\n    public string $SMTPHost = 'smtp.example.com';\n    public int $SMTPPort = 25;\n    public string $SMTPCrypto = 'tls';\n}",
		"class Email extends BaseConfig\n{\n    public int $SMTPPort = 465;\n    public string $SMTPCrypto = '';\n}",
		"class Email extends BaseConfig\n{\n    public int $SMTPPort = 465;\n    public string $SMTPCrypto = 'ssl';\n}",
		// No SMTPCrypto here: the config class's own may be '' (CodeIgniter 4 then speaks TLS on 465).
		"$email->initialize(['SMTPHost' => 'smtp.example.com', 'SMTPPort' => 465]);",
		"$config['SMTPPort'] = 587;\n$config['SMTPCrypto'] = 'tls';",
	],
});

test('the fix for STARTTLS inside TLS empties SMTPCrypto, and the port is related information', () => {
	const f = findings(
		"class Email extends BaseConfig {\n public int $SMTPPort = 465;\n public string $SMTPCrypto = 'tls';\n}",
	).find((x) => x.ruleId === R)!;
	assert.equal(f.fixes[0]!.title, "Set SMTPCrypto to ''");
	assert.equal(f.fixes[0]!.edits[0]!.text, '');
	assert.match(f.related![0]!.message, /SMTPPort/);
	assert.match(f.detail!, /Connection on port 465 should set this to ''/);
});

ruleTester(R, "no 'tls' to a server that takes nothing before STARTTLS (Gmail, Microsoft 365)", {
	// system/libraries/Email.php: STARTTLS only `if ($this->smtp_crypto === 'tls')`; _smtp_authenticate() then sends
	// 'AUTH LOGIN' and, on anything but 334, logs lang 'email_failed_smtp_login':
	//     'Failed to send AUTH LOGIN command. Error: %s'
	invalid: [
		{
			code: "$this->load->library('email', ['protocol' => 'smtp', 'smtp_host' => 'smtp.gmail.com', 'smtp_port' => «587», 'smtp_user' => 'u', 'smtp_pass' => 'p']);",
			errors: ['starttlsRequired'],
			output:
				"$this->load->library('email', ['protocol' => 'smtp', 'smtp_host' => 'smtp.gmail.com', 'smtp_port' => 587, 'smtp_crypto' => 'tls', 'smtp_user' => 'u', 'smtp_pass' => 'p']);",
		},
		{
			code: "$config['protocol'] = 'smtp';\n$config['smtp_host'] = 'smtp.office365.com';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = '«»';",
			errors: ['starttlsRequired'],
			output:
				"$config['protocol'] = 'smtp';\n$config['smtp_host'] = 'smtp.office365.com';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = 'tls';",
		},
	],
	valid: [
		"$config['protocol'] = 'smtp';\n$config['smtp_host'] = 'smtp.gmail.com';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = 'tls';",
		// SendGrid takes plaintext on 587 (its CodeIgniter page): not one of the servers known to refuse it.
		"$config['protocol'] = 'smtp';\n$config['smtp_host'] = 'smtp.sendgrid.net';\n$config['smtp_port'] = 587;\n$config['smtp_crypto'] = '';",
	],
});
