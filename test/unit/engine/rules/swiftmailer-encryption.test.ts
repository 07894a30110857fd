import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../../helpers/marked';
import { ruleTester } from '../../../helpers/rule-tester';

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
