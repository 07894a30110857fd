import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';
import type { ProjectFacts } from '../../../../server/src/engine/index';

const R = 'swiftmailer-encryption';

ruleTester(R, "'ssl' on 587/25 and 'tls' or nothing on 465", {
	invalid: [
		{ code: "$t = new Swift_SmtpTransport('smtp.example.org', 587, '«ssl»');", errors: ['sslOnPlainPort'] },
		{ code: "$t = Swift_SmtpTransport::newInstance('smtp.gmail.com', 465, '«tls»');", errors: ['plainOn465'] },
		{ code: "$t = (new Swift_SmtpTransport('smtp.gmail.com', 465))->setEncryption('«tls»');", errors: ['plainOn465'] },
		{ code: "$t = new \\Swift_SmtpTransport('smtp.gmail.com', «465»);", errors: ['plainOn465'] },
		{
			code: "$t = new Swift_SmtpTransport('smtp.example.org'); $t->setPort(25); $t->setEncryption('«ssl»');",
			errors: ['sslOnPlainPort'],
		},
	],
});

test("'ssl' on 587/25 and 'tls' or nothing on 465", () => {
	assert.match(
		findings("new Swift_SmtpTransport('smtp.gmail.com', 465, 'tls');")[0]!.detail!,
		/Connection to tcp:\/\/smtp\.gmail\.com:465 Timed Out/,
	);
	assert.match(findings("new Swift_SmtpTransport('h', 587, 'ssl');")[0]!.message, /wrong version number/);
});

// MAILER_URL is SwiftmailerBundle's variable, and Kimai 2 passes it to Symfony Mailer as a DSN (kimai/www.kimai.org
// _documentation/emails.md: "Kimai uses the Symfony Mailer component"; Kimai 1 used SwiftmailerBundle). Which one reads
// it comes from the packages. SwiftmailerBundle reads only smtp:// (SwiftmailerTransportFactory::createTransport:
// `throw new \InvalidArgumentException(sprintf('Not a built-in Swiftmailer transport: %s.', $options['transport']))`),
// and Symfony Mailer's smtp:// on 465 is TLS at once (EsmtpTransport: `if (null === $tls) { if (465 === $port) {
// $tls = true; } else { $tls = \defined('OPENSSL_VERSION_NUMBER') && 0 === $port && 'localhost' !== $host; } }`).
const SYMFONY: ProjectFacts = { packages: { 'symfony/mailer': 'v6.4.14' } };
const SWIFT: ProjectFacts = { packages: { 'symfony/swiftmailer-bundle': 'v3.5.4' } };
ruleTester(R, 'MAILER_URL read by the library the packages name', {
	valid: [
		// Kimai 2's documented Gmail URL: implicit TLS on 465, which only Symfony Mailer can read.
		{ code: 'MAILER_URL=smtps://{username}:{password}@smtp.gmail.com:465', kind: 'env' },
		{ code: 'MAILER_URL=smtps://{username}:{password}@smtp.gmail.com:465', kind: 'env', project: SWIFT },
		{ code: 'MAILER_URL=smtp://user:pass@smtp.example.com:465', kind: 'env', project: SYMFONY },
		{ code: 'MAILER_URL=gmail+smtp://USERNAME:PASSWORD@default', kind: 'env' },
	],
	invalid: [
		{ code: 'MAILER_URL=smtp://user:pass@smtp.example.com:«465»', kind: 'env', errors: ['plainOn465'] },
		{ code: 'MAILER_URL=smtp://user:pass@smtp.example.com:«465»', kind: 'env', project: SWIFT, errors: ['plainOn465'] },
	],
});

test('a MAILER_URL Symfony Mailer reads is judged as a Symfony Mailer DSN', () => {
	const f = (text: string, project?: ProjectFacts) =>
		findings(text, 'env', undefined, project).map((x) => `${x.ruleId} ${x.message}`);
	// Implicit TLS to 587: what Symfony Mailer does with smtps://, whatever the packages say (SwiftmailerBundle would
	// refuse the scheme), except in a project that has only SwiftmailerBundle.
	assert.match(f('MAILER_URL=smtps://u:p@mx.example.com:587')[0]!, /^symfony-mailer-dsn .*wrong version number/);
	assert.match(f('MAILER_URL=smtps://u:p@mx.example.com:587', SYMFONY)[0]!, /^symfony-mailer-dsn /);
	assert.deepEqual(f('MAILER_URL=smtps://u:p@mx.example.com:587', SWIFT), []);
	// ?encryption= is SwiftmailerBundle's: Symfony Mailer ignores it.
	assert.deepEqual(f('MAILER_URL=smtp://u:p@mx.example.com:587?encryption=ssl', SYMFONY).length, 1);
	assert.match(f('MAILER_URL=smtp://u:p@mx.example.com:587?encryption=ssl', SYMFONY)[0]!, /encryption/);
	assert.match(f('MAILER_URL=smtp://u:p@mx.example.com:587?encryption=ssl')[0]!, /^swiftmailer-encryption /);
});

ruleTester(R, 'MAILER_URL (SwiftmailerBundle) reads ?encryption=', {
	valid: [
		{ code: 'MAILER_URL=smtp://smtp.example.com:465?encryption=ssl&auth_mode=login', kind: 'env' },
		{ code: 'MAILER_URL=gmail://user:pass@localhost', kind: 'env' },
	],
	invalid: [
		{
			code: 'MAILER_URL=smtp://smtp.example.com:587?encryption=«ssl»&auth_mode=login',
			kind: 'env',
			errors: ['sslOnPlainPort'],
		},
	],
});

ruleTester(R, 'documented and correct configurations are quiet', {
	valid: [
		"$transport = (new Swift_SmtpTransport('smtp.example.org', 25))->setUsername('u')->setPassword('p');",
		"$transport = new Swift_SmtpTransport('smtp.gmail.com', 465, 'ssl');",
		"$transport = new Swift_SmtpTransport('smtp.gmail.com', 587, 'tls');",
		"$transport = new Swift_SmtpTransport($host, 465, 'tls');",
		"$transport = new Swift_SmtpTransport('smtp.gmail.com', $port, 'ssl');",
		"$transport = new Swift_SmtpTransport('smtp.gmail.com', 465, $enc);",
	],
});

ruleTester(R, 'a scheme written in the host: SwiftMailer passes it to PHP when no encryption is set', {
	valid: [
		// Swift/Transport/StreamBuffer.php establishSocketConnection():
		//     $host = $this->params['host'];
		//     if (!empty($this->params['protocol'])) {
		//         $host = $this->params['protocol'].'://'.$host;
		// and setEncryption(null) sets protocol to '' (Swift/Transport/EsmtpTransport.php).
		"$transport = Swift_SmtpTransport::newInstance('ssl://smtp.gmail.com', 465);",
		"$transport = new Swift_SmtpTransport('tls://smtp.gmail.com', 465);",
	],
	invalid: [
		{ code: "$transport = new Swift_SmtpTransport('«tcp»://smtp.gmail.com', 465);", errors: ['plainOn465'] },
		{ code: "$transport = new Swift_SmtpTransport('«ssl»://smtp.gmail.com', 587);", errors: ['sslOnPlainPort'] },
	],
});

ruleTester(R, 'constructor arguments held in variables', {
	valid: ["$t = new Swift_SmtpTransport('smtp.example.com', 587, $encryption);"],
	invalid: [
		{
			code: "$enc = '«ssl»'; $t = new Swift_SmtpTransport('smtp.example.com', 587, $enc);",
			errors: ['sslOnPlainPort'],
		},
	],
});

ruleTester(
	R,
	'a variable given a new transport: the old one is judged as it was set up (found by the rule page examples)',
	{
		invalid: [
			{
				code: "$t = new Swift_SmtpTransport('smtp.example.org', 587, '«ssl»');\n$t = new Swift_SmtpTransport('smtp.gmail.com', 465, '«tls»');",
				errors: ['sslOnPlainPort', 'plainOn465'],
			},
			{
				code: "$t = Swift_SmtpTransport::newInstance('h', 587)->setEncryption('«ssl»');\n$t = new Swift_SmtpTransport('h', 465, 'ssl');",
				errors: ['sslOnPlainPort'],
			},
		],
	},
);

ruleTester(R, 'SwiftmailerBundle in YAML: swiftmailer:, its mailers and the mailer_* parameters, read as a document', {
	// DependencyInjection/SwiftmailerTransportFactory.php createTransport():
	//     $transport->setHost($options['host']);
	//     $transport->setPort($options['port']);
	//     $transport->setEncryption($options['encryption']);
	// resolveOptions(): if (!isset($options['port'])) { $options['port'] = 'ssl' === $options['encryption'] ? 465 : 25; }
	invalid: [
		{
			code: 'swiftmailer:\n    transport: smtp\n    host: smtp.example.com\n    port: 587\n    encryption: «ssl»',
			kind: 'yaml',
			errors: ['sslOnPlainPort'],
		},
		{
			code: 'swiftmailer:\n    mailers:\n        first:\n            transport: \'%mailer_transport%\'\n        second:\n            transport: smtp\n            host: smtp.example.org\n            port: 465\n            encryption: "«tls»"',
			kind: 'yaml',
			errors: ['plainOn465'],
		},
		{
			code: 'parameters:\n    mailer_transport: smtp\n    mailer_host: smtp.gmail.com\n    mailer_port: 465\n    mailer_encryption: «tls»',
			kind: 'yaml',
			errors: ['plainOn465'],
		},
		{
			code: "when@prod:\n    swiftmailer:\n        transport: smtp\n        port: 25\n        encryption: '«ssl»'",
			kind: 'yaml',
			errors: ['sslOnPlainPort'],
		},
	],
	valid: [
		{
			code: 'swiftmailer:\n    transport: smtp\n    host: smtp.example.com\n    port: 465\n    encryption: ssl',
			kind: 'yaml',
		},
		{ code: 'swiftmailer:\n    transport: smtp\n    port: 587\n    encryption: tls', kind: 'yaml' },
		{ code: "swiftmailer:\n    url: '%env(MAILER_URL)%'\n    spool: { type: 'memory' }", kind: 'yaml' },
		{ code: "swiftmailer:\n    transport: smtp\n    port: '%mailer_port%'\n    encryption: ssl", kind: 'yaml' },
		// The bundle refuses other values itself ("The starttls encryption is not supported").
		{ code: 'swiftmailer:\n    transport: smtp\n    port: 587\n    encryption: starttls', kind: 'yaml' },
		{ code: 'swiftmailer:\n    transport: sendmail\n    port: 587\n    encryption: ssl', kind: 'yaml' },
		// A broken file is read as far as it parses, and never throws.
		{ code: 'swiftmailer:\n    transport: smtp\n  port: [587\n    encryption: ssl', kind: 'yaml' },
	],
});

ruleTester(R, 'a scheme in the host and an encryption: StreamBuffer writes both', {
	// Swift/Transport/StreamBuffer.php establishSocketConnection():
	//     if (!empty($this->params['protocol'])) { $host = $this->params['protocol'].'://'.$host; }
	invalid: [
		{
			code: "$t = new Swift_SmtpTransport('«ssl://»smtp.gmail.com', 465, 'ssl');",
			errors: ['schemeTwice'],
			output: "$t = new Swift_SmtpTransport('smtp.gmail.com', 465, 'ssl');",
		},
		{
			// Laravel 8's and Yii's hosts reach setHost() the same way.
			code: "'transport' => ['class' => 'Swift_SmtpTransport', 'host' => '«tls://»smtp.office365.com', 'port' => 587, 'encryption' => 'tls'],",
			errors: ['schemeTwice'],
			output:
				"'transport' => ['class' => 'Swift_SmtpTransport', 'host' => 'smtp.office365.com', 'port' => 587, 'encryption' => 'tls'],",
		},
	],
	valid: ["$t = new Swift_SmtpTransport('ssl://smtp.gmail.com', 465);"],
});

ruleTester(
	R,
	"SwiftmailerBundle in PHP config: loadFromExtension('swiftmailer', [...]) is the bundle's, not a Laravel mailer",
	{
		invalid: [
			{
				code: "$container->loadFromExtension('swiftmailer', [\n    'transport' => 'smtp',\n    'host' => 'smtp.example.com',\n    'port' => 587,\n    'encryption' => '«ssl»',\n]);",
				errors: ['sslOnPlainPort'],
			},
			{
				code: "$c->extension('swiftmailer', ['mailers' => ['main' => ['transport' => 'smtp', 'port' => 465, 'encryption' => '«tls»']]]);",
				errors: ['plainOn465'],
			},
		],
		valid: [
			"$container->loadFromExtension('swiftmailer', ['url' => '%env(MAILER_URL)%', 'spool' => ['type' => 'memory']]);",
			"$container->loadFromExtension('swiftmailer', array('transport' => 'smtp', 'port' => 465, 'encryption' => 'ssl'));",
		],
	},
);

ruleTester(R, 'SwiftmailerBundle in XML: <swiftmailer:config> and its <swiftmailer:mailer>s, read with saxes', {
	invalid: [
		{
			code: '<container xmlns:swiftmailer="http://symfony.com/schema/dic/swiftmailer">\n    <swiftmailer:config transport="smtp" host="smtp.example.com" port="587" encryption="«ssl»"/>\n</container>',
			kind: 'xml',
			errors: ['sslOnPlainPort'],
		},
		{
			code: '<swiftmailer:config default-mailer="first">\n    <swiftmailer:mailer name="first" transport="smtp" port="465" encryption=\'«tls»\'/>\n</swiftmailer:config>',
			kind: 'xml',
			errors: ['plainOn465'],
		},
	],
	valid: [
		{ code: '<swiftmailer:config transport="smtp" port="465" encryption="ssl"/>', kind: 'xml' },
		{ code: '<swiftmailer:config url="%env(MAILER_URL)%"/>', kind: 'xml' },
		{ code: '<swiftmailer:config transport="smtp" port="%mailer_port%" encryption="ssl"/>', kind: 'xml' },
		// Broken XML is read as far as it parses; an entity in a value is read as unknown.
		{ code: '<swiftmailer:config transport="smtp" port="587" encryption="&#115;sl"/><broken', kind: 'xml' },
	],
});

ruleTester(R, 'no encryption to a server that takes nothing before STARTTLS (Gmail, Microsoft 365)', {
	// lib/classes/Swift/Transport/EsmtpTransport.php: STARTTLS is sent only when setEncryption() set params['tls']:
	//     if ('tls' == $encryption) { ... $this->params['tls'] = true;
	//     if ($this->params['tls']) { try { $this->executeCommand("STARTTLS\r\n", [220]);
	// swiftmailer/swiftmailer#1239: "PHPMailer send STARTTLS command where Swiftmailer not" → "530 5.7.0 Must issue a
	// STARTTLS command first."
	invalid: [
		{
			code: "$t = new Swift_SmtpTransport('smtp.gmail.com', «25»);",
			errors: ['starttlsRequired'],
			output: "$t = new Swift_SmtpTransport('smtp.gmail.com', 25, 'tls');",
		},
		{
			code: "$t = (new Swift_SmtpTransport('smtp.office365.com', «587»))->setUsername('u');",
			errors: ['starttlsRequired'],
			output: "$t = (new Swift_SmtpTransport('smtp.office365.com', 587, 'tls'))->setUsername('u');",
		},
		{
			code: "'transport' => ['class' => 'Swift_SmtpTransport', 'host' => 'smtp.gmail.com', 'port' => «587»],",
			errors: ['starttlsRequired'],
			output:
				"'transport' => ['class' => 'Swift_SmtpTransport', 'host' => 'smtp.gmail.com', 'port' => 587, 'encryption' => 'tls'],",
		},
		{ code: 'swiftmailer:\n    host: smtp.gmail.com\n    port: «587»\n', kind: 'yaml', errors: ['starttlsRequired'] },
	],
	valid: [
		"$t = new Swift_SmtpTransport('smtp.gmail.com', 587, 'tls');",
		// Other servers may take plaintext on 587 or 25: not known, not judged.
		"$t = new Swift_SmtpTransport('smtp.example.org', 587);",
		// A port set later than the constructor: where it is written decides.
		"$t = new Swift_SmtpTransport('smtp.gmail.com', 25); $t->setPort(465); $t->setEncryption('ssl');",
	],
});
