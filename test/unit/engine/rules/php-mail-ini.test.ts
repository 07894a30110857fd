import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'php-mail-ini';

ruleTester(R, 'mail() on Windows: a plain socket to SMTP:smtp_port, no TLS, no login', {
	// win32/sendmail.c TSendMail():
	//     "Failed to connect to mailserver at \"%s\" port " ZEND_ULONG_FMT ", verify your \"SMTP\" "
	//     "and \"smtp_port\" setting in php.ini or use ini_set()"
	invalid: [
		{
			// emreakay/CodeIgniter-Aauth#153: "SMTP=smtp.gmail.com / smtp_port=465" for mail().
			code: '[mail function]\n; For Win32 only.\nSMTP=smtp.gmail.com\nsmtp_port=«465»',
			kind: 'ini',
			errors: ['tlsPort'],
		},
		{
			code: '[mail function]\nSMTP = «ssl»://smtp.gmail.com\nsmtp_port = 465',
			kind: 'ini',
			errors: ['schemeInHost'],
		},
		{ code: '[mail function]\nSMTP = "smtp.example.com"\nsmtp_port = "«465»"', kind: 'ini', errors: ['tlsPort'] },
		{
			// pastebin.com/ng4zAD9L (XAMPP, sendmail_path commented out): Gmail on 587 wants STARTTLS and a login.
			code: '[mail function]\nSMTP=«smtp.gmail.com»\nsmtp_port=587\n;sendmail_path = "C:\\xampp\\mailtodisk\\mailtodisk.exe" -t"',
			kind: 'ini',
			errors: ['loginRequired'],
		},
		{ code: '[mail function]\nSMTP = «smtp.office365.com»\nsmtp_port = 587', kind: 'ini', errors: ['loginRequired'] },
	],
	valid: [
		// php.ini-production's own lines.
		{
			code: '[mail function]\n; For Win32 only.\n; https://php.net/smtp\nSMTP = localhost\n; https://php.net/smtp-port\nsmtp_port = 25',
			kind: 'ini',
		},
		{ code: '[mail function]\nSMTP = smtp.example.com\nsmtp_port = 587', kind: 'ini' },
		// pastebin.com/xeqCQA9T: Gmail, but through sendmail.exe (sendmail_path), which logs in with STARTTLS.
		{
			code: '[mail function]\nSMTP = smtp.gmail.com\nsmtp_port = 587\nsendmail_from = stefan.cv5@gmail.com\nsendmail_path = ""C:\\wamp\\sendmail\\sendmail.exe" -t"',
			kind: 'ini',
		},
		// "If set, smtp, smtp_port and sendmail_from are ignored."
		{
			code: '[mail function]\nSMTP = smtp.gmail.com\nsmtp_port = 465\nsendmail_path = "C:\\\\xampp\\\\sendmail\\\\sendmail.exe -t"',
			kind: 'ini',
		},
		{ code: '[mail function]\n;SMTP = ssl://smtp.gmail.com\n;smtp_port = 465', kind: 'ini' },
		{ code: 'smtp_port = ${SMTP_PORT}', kind: 'ini' },
	],
});

test('the detail says where mail() reads these and what to do instead; no fix is offered', () => {
	const [f] = findings('SMTP = smtp.gmail.com\nsmtp_port = 465\n', 'ini').filter((x) => x.ruleId === R);
	assert.deepEqual(f!.fixes, []);
	assert.match(f!.detail!, /Windows only/);
	assert.match(f!.detail!, /PHPMailer or Symfony Mailer/);
});
