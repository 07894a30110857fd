import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'nextcloud-mail-smtpsecure';

ruleTester(R, "Nextcloud 26+: 'ssl' is TLS at once, anything else is Symfony Mailer's own choice", {
	// lib/private/Mail/Mailer.php getSmtpInstance():
	//     $mailSmtpsecure = ($this->config->getSystemValue('mail_smtpsecure', null) === 'ssl') ? true : null;
	//     $transport = new EsmtpTransport(..., $this->config->getSystemValueInt('mail_smtpport', 25), $mailSmtpsecure, ...
	invalid: [
		{
			// nextcloud/server#39404 (27.0.0): "encryption → SSL/TLS and port 587 ... the test fails".
			code: "$CONFIG = array('mail_smtpmode' => 'smtp', 'mail_smtphost' => 'mail.example.com', 'mail_smtpport' => 587, 'mail_smtpsecure' => '«ssl»');",
			errors: ['sslOnPlainPort'],
		},
		{
			// nextcloud/server#51790: 'Connection could not be established with host "ssl://mail..com:25"'.
			code: "$CONFIG = array('mail_smtpport' => '25', 'mail_smtpsecure' => '«ssl»');",
			errors: ['sslOnPlainPort'],
		},
		{
			code: "$CONFIG = array('version' => '25.0.3.2', 'mail_smtphost' => 'smtp.gmail.com', 'mail_smtpport' => 465, 'mail_smtpsecure' => '«tls»');",
			errors: ['plainOn465'],
		},
	],
	valid: [
		"$CONFIG = array('mail_smtpmode' => 'smtp', 'mail_smtphost' => 'smtp.server.dom', 'mail_smtpport' => 465, 'mail_smtpsecure' => 'ssl');",
		"$CONFIG = array('mail_smtpport' => 587, 'mail_smtpsecure' => 'tls');",
		// 26+: 'tls' on 465 is TLS at once (Symfony Mailer's choice for 465).
		"$CONFIG = array('version' => '30.0.2.2', 'mail_smtpport' => 465, 'mail_smtpsecure' => 'tls');",
		// No version: which library is not known, so 'tls' on 465 is not judged.
		"$CONFIG = array('mail_smtpport' => 465, 'mail_smtpsecure' => 'tls');",
		"$CONFIG = array('mail_smtpmode' => 'sendmail', 'mail_smtpport' => 587, 'mail_smtpsecure' => 'ssl');",
		// nextcloud/server#37329: plaintext on 25.
		"$CONFIG = array('mail_smtpmode' => 'smtp', 'mail_smtphost' => 'XXX.XXX.XXX.XXX', 'mail_smtpport' => '25', 'mail_smtpauth' => 0);",
	],
});

test("the fixes say what each Nextcloud does: '' on 26+, 'tls' before", () => {
	const modern = findings("$CONFIG = array('mail_smtpport' => 587, 'mail_smtpsecure' => 'ssl');").find(
		(f) => f.ruleId === R,
	)!;
	assert.deepEqual(
		modern.fixes.map((f) => f.edits[0]!.text),
		['', '465'],
	);
	const old = findings(
		"$CONFIG = array('version' => '24.0.1.1', 'mail_smtpport' => 587, 'mail_smtpsecure' => 'ssl');",
	).find((f) => f.ruleId === R)!;
	assert.equal(old.fixes[0]!.edits[0]!.text, 'tls');
});

ruleTester(R, 'before Nextcloud 26, no mail_smtpsecure to Gmail or Microsoft 365: SwiftMailer never sends STARTTLS', {
	// Nextcloud 25 lib/private/Mail/Mailer.php getSmtpInstance():
	//     $smtpSecurity = $this->config->getSystemValue('mail_smtpsecure', '');
	//     if (!empty($smtpSecurity)) { $transport->setEncryption($smtpSecurity); }
	// and SwiftMailer's EsmtpTransport sends STARTTLS only `if ($this->params['tls'])`.
	invalid: [
		{
			code: "$CONFIG = array('version' => '25.0.3.2', 'mail_smtphost' => 'smtp.gmail.com', 'mail_smtpport' => «587»);",
			errors: ['starttlsRequired'],
			output:
				"$CONFIG = array('version' => '25.0.3.2', 'mail_smtphost' => 'smtp.gmail.com', 'mail_smtpport' => 587, 'mail_smtpsecure' => 'tls');",
		},
	],
	valid: [
		"$CONFIG = array('version' => '26.0.0.1', 'mail_smtphost' => 'smtp.gmail.com', 'mail_smtpport' => 587);",
		"$CONFIG = array('version' => '25.0.3.2', 'mail_smtphost' => 'smtp.gmail.com', 'mail_smtpport' => 587, 'mail_smtpsecure' => 'tls');",
		// No version: Nextcloud 26+ would be right.
		"$CONFIG = array('mail_smtphost' => 'smtp.gmail.com', 'mail_smtpport' => 587);",
	],
});
