import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, findings, quiet } from '../../../helpers/marked';

const R = 'swiftmailer-encryption';

test("'ssl' on 587/25 and 'tls' or nothing on 465", () => {
	check(R, "$t = new Swift_SmtpTransport('smtp.example.org', 587, '«ssl»');");
	check(R, "$t = Swift_SmtpTransport::newInstance('smtp.gmail.com', 465, '«tls»');");
	check(R, "$t = (new Swift_SmtpTransport('smtp.gmail.com', 465))->setEncryption('«tls»');");
	check(R, "$t = new \\Swift_SmtpTransport('smtp.gmail.com', «465»);");
	check(R, "$t = new Swift_SmtpTransport('smtp.example.org'); $t->setPort(25); $t->setEncryption('«ssl»');");
	assert.match(
		findings("new Swift_SmtpTransport('smtp.gmail.com', 465, 'tls');")[0]!.detail!,
		/Connection to tcp:\/\/smtp\.gmail\.com:465 Timed Out/,
	);
	assert.match(findings("new Swift_SmtpTransport('h', 587, 'ssl');")[0]!.message, /wrong version number/);
});

test('MAILER_URL (SwiftmailerBundle) reads ?encryption=', () => {
	check(R, 'MAILER_URL=smtp://smtp.example.com:587?encryption=«ssl»&auth_mode=login', 'env');
	quiet(R, 'MAILER_URL=smtp://smtp.example.com:465?encryption=ssl&auth_mode=login', 'env');
	quiet(R, 'MAILER_URL=gmail://user:pass@localhost', 'env');
});

test('documented and correct configurations are quiet', () => {
	quiet(R, "$transport = (new Swift_SmtpTransport('smtp.example.org', 25))->setUsername('u')->setPassword('p');");
	quiet(R, "$transport = new Swift_SmtpTransport('smtp.gmail.com', 465, 'ssl');");
	quiet(R, "$transport = new Swift_SmtpTransport('smtp.gmail.com', 587, 'tls');");
	quiet(R, "$transport = new Swift_SmtpTransport($host, 465, 'tls');");
	quiet(R, "$transport = new Swift_SmtpTransport('smtp.gmail.com', $port, 'ssl');");
	quiet(R, "$transport = new Swift_SmtpTransport('smtp.gmail.com', 465, $enc);");
});

test('a scheme written in the host: SwiftMailer passes it to PHP when no encryption is set', () => {
	// Swift/Transport/StreamBuffer.php establishSocketConnection():
	//     $host = $this->params['host'];
	//     if (!empty($this->params['protocol'])) {
	//         $host = $this->params['protocol'].'://'.$host;
	// and setEncryption(null) sets protocol to '' (Swift/Transport/EsmtpTransport.php).
	quiet(R, "$transport = Swift_SmtpTransport::newInstance('ssl://smtp.gmail.com', 465);");
	quiet(R, "$transport = new Swift_SmtpTransport('tls://smtp.gmail.com', 465);");
	check(R, "$transport = new Swift_SmtpTransport('«tcp»://smtp.gmail.com', 465);");
	check(R, "$transport = new Swift_SmtpTransport('«ssl»://smtp.gmail.com', 587);");
});

test('constructor arguments held in variables', () => {
	check(R, "$enc = '«ssl»'; $t = new Swift_SmtpTransport('smtp.example.com', 587, $enc);");
	quiet(R, "$t = new Swift_SmtpTransport('smtp.example.com', 587, $encryption);");
});

test('a variable given a new transport: the old one is judged as it was set up (found by the rule page examples)', () => {
	check(
		R,
		"$t = new Swift_SmtpTransport('smtp.example.org', 587, '«ssl»');\n$t = new Swift_SmtpTransport('smtp.gmail.com', 465, '«tls»');",
	);
	check(
		R,
		"$t = Swift_SmtpTransport::newInstance('h', 587)->setEncryption('«ssl»');\n$t = new Swift_SmtpTransport('h', 465, 'ssl');",
	);
});
