//! SwiftmailerBundle's mailer settings, wherever they are written (YAML, or PHP's
//! `$container->loadFromExtension('swiftmailer', [...])`): the bundle (DependencyInjection/
//! SwiftmailerTransportFactory.php) gives them to Swift_Transport_EsmtpTransport's setHost(), setPort() and
//! setEncryption(), so SwiftMailer's semantics apply; the transport is smtp unless written (Configuration.php),
//! resolveOptions() makes the port 465 with 'ssl', else 25, and `transport: gmail` smtp.gmail.com with 'ssl'.
//! validateConfig() refuses any other encryption than 'tls', 'ssl' or null with its own clear error, so such a value
//! is left to it.
import type { Entry } from './literal';
import type { ClientConfig } from './model';
import { swift } from './swift';

/** `%mailer_port%`, `%env(MAILER_PORT)%`: a container parameter, known only when the container is built. */
export const CONTAINER_PARAMETER = /%[^%\s]+%/;

/** One mailer's transport, host, port and encryption, as the bundle reads them. */
export function bundleMailer(
	transport: Entry | undefined,
	host: Entry | undefined,
	port: Entry | undefined,
	encryption: Entry | undefined,
	range: { start: number; end: number },
	label: string,
): ClientConfig[] {
	// Configuration.php: `->scalarNode('transport')->defaultValue('smtp')`.
	if (transport === 'other' || (transport && transport.kind !== 'str')) return [];
	const kind = transport ? transport.setting.text : 'smtp';
	if (kind !== 'smtp' && kind !== 'gmail') return [];
	if (encryption !== undefined && encryption !== 'other' && encryption.kind === 'str') {
		if (encryption.setting.text !== 'tls' && encryption.setting.text !== 'ssl') return [];
	}
	const { start, end } = range;
	// transport: gmail sets the host and 'ssl' itself.
	const values = kind === 'gmail' ? { port } : { host, port, security: encryption };
	return swift({ start, end, values }).map((c) => ({
		...c,
		label,
		...(kind === 'gmail' && {
			host: 'smtp.gmail.com',
			mode: 'implicit' as const,
			modeAt: transport!.setting,
			modeText: {},
		}),
	}));
}
