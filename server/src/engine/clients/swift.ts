//! SwiftMailer's Swift_SmtpTransport($host = 'localhost', $port = 25, $encryption = null) and its setters
//! (Swift_Transport_EsmtpTransport::setEncryption()): 'ssl' (or any other transport name) opens that transport,
//! so TLS from the first byte; 'tls' connects with tcp:// and requires STARTTLS; no encryption stays in plaintext.
import type { ClientConfig, TlsMode } from './model';
import type { Literal } from './php';

export interface SwiftCall {
	start: number;
	end: number;
	values: { host?: Literal | 'other'; port?: Literal | 'other'; security?: Literal | 'other' };
}

export function swiftMode(encryption: string | undefined): TlsMode {
	const e = (encryption ?? '').toLowerCase();
	if (e === 'tls') return 'starttls';
	if (e === '' || e === 'tcp') return 'plain';
	return 'implicit';
}

export function swift(call: SwiftCall): ClientConfig[] {
	const { host, port, security } = call.values;
	if (host === 'other' || port === 'other' || security === 'other') return [];
	if (host && host.kind !== 'str') return [];
	if (port && !/^\d+$/.test(port.setting.text)) return [];
	const enc = security && security.kind === 'str' ? security.setting.text : undefined;
	if (security && security.kind !== 'str' && security.kind !== 'null') return [];
	return [
		{
			library: 'swiftmailer',
			label: 'Swift_SmtpTransport',
			host: host ? host.setting.text : 'localhost',
			port: port ? Number(port.setting.text) : 25,
			portAt: port?.setting,
			mode: swiftMode(enc),
			modeAt: security?.kind === 'str' ? security.setting : undefined,
			modeText: { implicit: 'ssl', starttls: 'tls' },
			start: call.start,
			end: call.end,
		},
	];
}
