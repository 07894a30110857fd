import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../server/src/engine/index';
import { findings, fixTitles } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

const R = 'phpmailer-encryption';

ruleTester(R, "SMTPS ('ssl') on a STARTTLS port, as SMTPSecure or as a Host prefix", {
	invalid: [
		{
			code: "$mail = new PHPMailer(true); $mail->isSMTP(); $mail->Host = 'smtp.example.com'; $mail->SMTPSecure = '«ssl»'; $mail->Port = 587;",
			errors: ['tlsOnPlainPort'],
		},
		{
			code: '$m = new PHPMailer; $m->SMTPSecure = PHPMailer::«ENCRYPTION_SMTPS»; $m->Port = 25;',
			errors: ['tlsOnPlainPort'],
		},
		{ code: "$m = new PHPMailer; $m->Host = '«ssl»://smtp.gmail.com:587';", errors: ['tlsOnPlainPort'] },
		{
			code: "$m = new \\PHPMailer\\PHPMailer\\PHPMailer(); $m->Host = '«ssl»://smtp.gmail.com'; $m->Port = 587;",
			errors: ['tlsOnPlainPort'],
		},
	],
});

test("SMTPS ('ssl') on a STARTTLS port, as SMTPSecure or as a Host prefix", () => {
	const [f] = findings("$m = new PHPMailer; $m->SMTPSecure = 'ssl'; $m->Port = 587;").filter((x) => x.ruleId === R);
	assert.match(f!.detail ?? f!.message, /wrong version number/);
	assert.match(f!.detail ?? f!.message, /SMTP Error: Could not connect to SMTP host\./);
});

ruleTester(R, "STARTTLS ('tls') or no SMTPSecure on 465", {
	invalid: [
		{ code: "$m = new PHPMailer; $m->SMTPSecure = '«tls»'; $m->Port = 465;", errors: ['plainOn465'] },
		{
			code: '$m = new PHPMailer; $m->SMTPSecure = PHPMailer::«ENCRYPTION_STARTTLS»; $m->Port = 465;',
			errors: ['plainOn465'],
		},
		{ code: "$m = new PHPMailer; $m->Host = '«tls»://smtp.gmail.com:465';", errors: ['plainOn465'] },
		{ code: "$m = new PHPMailer; $m->Host = 'smtp.gmail.com'; $m->Port = «465»;", errors: ['plainOn465'] },
	],
});

test("STARTTLS ('tls') or no SMTPSecure on 465", () => {
	assert.match(
		findings("$m = new PHPMailer; $m->SMTPSecure = 'tls'; $m->Port = 465;")[0]!.detail ??
			findings("$m = new PHPMailer; $m->SMTPSecure = 'tls'; $m->Port = 465;")[0]!.message,
		/300 by default/,
	);
});

ruleTester(R, 'each entry of a ;-separated Host list is judged with its own prefix and port', {
	invalid: [
		{
			code: "$m = new PHPMailer; $m->SMTPSecure = 'tls'; $m->Port = 587; $m->Host = 'smtp1.example.com;«ssl»://smtp2.example.com:587;ssl://smtp3.example.com:465';",
			errors: ['tlsOnPlainPort'],
		},
	],
});

ruleTester(R, 'a prefix in Host overrides SMTPSecure, a port in Host overrides Port', {
	valid: [
		"$m = new PHPMailer; $m->SMTPSecure = 'ssl'; $m->Port = 587; $m->Host = 'tls://smtp.example.com';",
		"$m = new PHPMailer; $m->SMTPSecure = 'ssl'; $m->Port = 587; $m->Host = 'smtp.example.com:465';",
	],
});

test('the diagnostic points at the port and offers to change either side', () => {
	const src = "<?php $m = new PHPMailer;\n$m->SMTPSecure = 'ssl';\n$m->Port = 587;\n";
	const [f] = findings(src).filter((x) => x.ruleId === R);
	assert.equal(src.slice(f!.start, f!.end), 'ssl');
	assert.deepEqual(
		f!.related?.map((r) => src.slice(r.start, r.end)),
		['587'],
	);
	assert.deepEqual(
		f!.fixes.map((x) => applyEdits(src, [x.edits]).text),
		[src.replace("'ssl'", "'tls'"), src.replace('587', '465')],
	);
	assert.ok(
		f!.fixes.every((x) => !x.preferred),
		'which side is wrong is the user’s call',
	);
	const add = findings('<?php $m = new PHPMailer;\n\t$m->Port = 465;\n').find((x) => x.ruleId === R)!;
	assert.equal(
		applyEdits('<?php $m = new PHPMailer;\n\t$m->Port = 465;\n', [add.fixes[0]!.edits]).text,
		"<?php $m = new PHPMailer;\n\t$m->Port = 465;\n\t$m->SMTPSecure = 'ssl';\n",
	);
	assert.deepEqual(fixTitles(R, '$m = new PHPMailer; $m->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS; $m->Port = 587;'), [
		"Use STARTTLS ('tls') on this port",
		"Use port 465 (SMTPS) with 'ssl'",
	]);
});

ruleTester(R, "PHPMailer's documented configurations are quiet", {
	valid: [
		// README "A Simple Example" and the Gmail example (examples/gmail.phps), both modes.
		`$mail = new PHPMailer(true);
$mail->isSMTP();
$mail->Host       = 'smtp.example.com';
$mail->SMTPAuth   = true;
$mail->Username   = 'user@example.com';
$mail->Password   = 'secret';
$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;
$mail->Port       = 465;`,
		`$mail = new PHPMailer();
$mail->isSMTP();
$mail->Host = 'smtp.gmail.com';
$mail->Port = 587;
$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPAuth = true;`,
		// Wiki (Troubleshooting): the tls:// prefix means STARTTLS on 587.
		"$mail = new PHPMailer; $mail->Host = 'tls://smtp.gmail.com:587';",
		// Defaults: port 25, STARTTLS when offered.
		"$mail = new PHPMailer; $mail->isSMTP(); $mail->Host = 'localhost';",
		'$mail = new PHPMailer; $mail->SMTPSecure = false; $mail->SMTPAutoTLS = false; $mail->Port = 25;',
	],
});

ruleTester(R, 'unknown values and unrelated objects are quiet', {
	valid: [
		'$m = new PHPMailer; $m->SMTPSecure = $config["secure"]; $m->Port = 587;',
		"$m = new PHPMailer; $m->SMTPSecure = 'ssl'; $m->Port = $port;",
		'$db->Host = "db.example.com"; $db->Port = 465;',
		"function a() { $m = new PHPMailer; $m->SMTPSecure = 'ssl'; } function b() { $m->Port = 587; }",
		"$m = new PHPMailer; $m->SMTPSecure = 'ssl'; if ($m->Port == 587) {}",
	],
});

ruleTester(R, 'settings assigned from variables that hold one literal are read as that literal', {
	valid: [
		// A variable whose value is not known (a parameter, a config read) stays unknown.
		"function send($port) { $mail = new PHPMailer(); $mail->isSMTP(); $mail->SMTPSecure = 'ssl'; $mail->Port = $port; }",
	],
	invalid: [
		{
			code: "$mail = new PHPMailer(true); $mail->isSMTP(); $port = 587; $mail->Host = 'smtp.example.com'; $mail->SMTPSecure = '«ssl»'; $mail->Port = $port;",
			errors: ['tlsOnPlainPort'],
		},
		{
			code: "$secure = '«ssl»'; $mail = new PHPMailer(); $mail->isSMTP(); $mail->Host = 'smtp.example.com'; $mail->SMTPSecure = $secure; $mail->Port = 587;",
			errors: ['tlsOnPlainPort'],
		},
	],
});

ruleTester(
	R,
	"constants this file defines are read as their literal (wp-config.php's SMTP_* and the phpmailer_init hook)",
	{
		invalid: [
			{
				// The widely copied "SMTP using wp-config.php" snippet, with 465 and 'tls'.
				code: "define( 'SMTP_HOST', 'smtp.example.com' );\ndefine( 'SMTP_PORT', '465' );\ndefine( 'SMTP_SECURE', '«tls»' );\nadd_action( 'phpmailer_init', 'send_smtp_email' );\nfunction send_smtp_email( $phpmailer ) {\n\t$phpmailer->isSMTP();\n\t$phpmailer->Host = SMTP_HOST;\n\t$phpmailer->Port = SMTP_PORT;\n\t$phpmailer->SMTPSecure = SMTP_SECURE;\n}",
				errors: ['plainOn465'],
				output:
					"define( 'SMTP_HOST', 'smtp.example.com' );\ndefine( 'SMTP_PORT', '465' );\ndefine( 'SMTP_SECURE', 'tls' );\nadd_action( 'phpmailer_init', 'send_smtp_email' );\nfunction send_smtp_email( $phpmailer ) {\n\t$phpmailer->isSMTP();\n\t$phpmailer->Host = SMTP_HOST;\n\t$phpmailer->Port = SMTP_PORT;\n\t$phpmailer->SMTPSecure = SMTP_SECURE;\n}",
			},
			{
				code: "const MAIL_PORT = 587;\n$mail = new PHPMailer(); $mail->isSMTP(); $mail->SMTPSecure = '«ssl»'; $mail->Port = MAIL_PORT;",
				errors: ['tlsOnPlainPort'],
			},
		],
		valid: [
			// pastebin.com/450X1kPy: the same hook with 587 and 'tls'.
			"define('SMTP_HOST', 'smtp.examplemailer.com');\ndefine('SMTP_PORT', 587);\ndefine('SMTP_CRYPT', 'tls');\nfunction forge_smtp_email($phpmailer){\n$phpmailer->isSMTP();\n$phpmailer->Host = SMTP_HOST;\n$phpmailer->Port = SMTP_PORT;\n$phpmailer->SMTPSecure = SMTP_CRYPT;\n}",
			// Defined twice (a default and an override): not one literal, not known.
			"if (getenv('CI')) { define('SMTP_PORT', 465); } else { define('SMTP_PORT', 587); }\n$mail = new PHPMailer(); $mail->isSMTP(); $mail->SMTPSecure = 'ssl'; $mail->Port = SMTP_PORT;",
			// Defined in another file: not read here.
			"$mail = new PHPMailer(); $mail->isSMTP(); $mail->SMTPSecure = 'ssl'; $mail->Port = SMTP_PORT;",
		],
	},
);

ruleTester(
	R,
	'SMTPAutoTLS false and no SMTPSecure to a server that takes nothing before STARTTLS (Gmail, Microsoft 365)',
	{
		// src/SMTP.php authenticate(): if (!array_key_exists('AUTH', $this->server_caps)) {
		//     $this->setError('Authentication is not allowed at this stage'); //... e.g. after STARTTLS
		// and src/PHPMailer.php smtpConnect() sends STARTTLS without SMTPSecure only `if ($this->SMTPAutoTLS && …)`.
		invalid: [
			{
				code: "$mail->isSMTP();\n$mail->Host = 'smtp.gmail.com';\n$mail->Port = «587»;\n$mail->SMTPAutoTLS = false;",
				errors: ['starttlsRequired'],
				output:
					"$mail->isSMTP();\n$mail->Host = 'smtp.gmail.com';\n$mail->Port = 587;\n$mail->SMTPSecure = 'tls';\n$mail->SMTPAutoTLS = false;",
			},
		],
		valid: [
			// SMTPAutoTLS on (the default): PHPMailer upgrades when offered.
			"$mail->isSMTP();\n$mail->Host = 'smtp.gmail.com';\n$mail->Port = 587;",
			"$mail->isSMTP();\n$mail->Host = 'smtp.gmail.com';\n$mail->Port = 587;\n$mail->SMTPSecure = 'tls';\n$mail->SMTPAutoTLS = false;",
			// Other servers may take plaintext.
			"$mail->isSMTP();\n$mail->Host = 'mail.example.com';\n$mail->Port = 587;\n$mail->SMTPAutoTLS = false;",
		],
	},
);
