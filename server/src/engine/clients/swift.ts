//! SwiftMailer's Swift_SmtpTransport($host = 'localhost', $port = 25, $encryption = null) and its setters
//! (Swift_Transport_EsmtpTransport::setEncryption()): 'ssl' (or any other transport name) opens that transport,
//! so TLS from the first byte; 'tls' connects with tcp:// and requires STARTTLS; no encryption stays in plaintext.
//! Without encryption the host is used as it is (StreamBuffer::establishSocketConnection() adds a scheme only when
//! `protocol` is set), so a host written `ssl://smtp.example.com` opens ssl://.
import type { ClientConfig, ModeText, TlsMode } from './model';
import { partOf, withMode, type Literal } from './literal';
import { isTlsTransport } from '../transports';

export interface SwiftCall {
	start: number;
	end: number;
	values: { host?: Literal | 'other'; port?: Literal | 'other'; security?: Literal | 'other' };
	/**
	 * Where an encryption can be written when none is: after the constructor's port argument (`new
	 * Swift_SmtpTransport('host', 25)` → `, 'tls'`), or after a configuration array's port entry.
	 */
	addEncryption?: { after: Literal; text: ModeText };
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
	const base = {
		library: 'swiftmailer' as const,
		label: 'Swift_SmtpTransport',
		host: host ? host.setting.text : 'localhost',
		port: port ? Number(port.setting.text) : 25,
		portAt: port?.setting,
		start: call.start,
		end: call.end,
	};
	const scheme = /^([A-Za-z0-9+.-]{2,}):\/\//.exec(base.host);
	if (!scheme)
		return [
			{
				...base,
				mode: swiftMode(enc),
				modeAt: security?.kind === 'str' ? security.setting : undefined,
				modeText: { implicit: 'ssl', starttls: 'tls' },
				...(!security && call.addEncryption && withMode(call.addEncryption.after, 'after', call.addEncryption.text)),
			},
		];
	if (!host) return [];
	// A scheme in the host and an encryption too: StreamBuffer writes both ("ssl://ssl://host").
	if (enc) {
		const e = enc.toLowerCase();
		const prefix = partOf(host, 0, scheme[0].length, 'host')!;
		return [
			{
				...base,
				host: base.host.slice(scheme[0].length),
				mode: swiftMode(enc),
				modeText: {},
				schemeTwice: { at: prefix, added: e === 'tls' ? 'tcp' : e },
			},
		];
	}
	const name = scheme[1]!.toLowerCase();
	const mode = name === 'tcp' ? 'plain' : isTlsTransport(name) ? 'implicit' : undefined;
	if (!mode) return [];
	return [
		{
			...base,
			host: base.host.slice(scheme[0].length),
			mode,
			modeAt: partOf(host, 0, scheme[1]!.length, 'host scheme')!,
			modeText: { implicit: 'ssl', plain: 'tcp' },
		},
	];
}
