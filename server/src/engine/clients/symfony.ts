//! Symfony Mailer's `new EsmtpTransport($host = 'localhost', $port = 0, $tls = null)` (Transport/Smtp/EsmtpTransport.php):
//! $tls null means TLS at once on 465 (and on port 0 unless the host is localhost, then 465), else plaintext with
//! STARTTLS when the server offers it; true is TLS at once (SocketStream::initialize() opens ssl://host:port).
import type { Token } from '../scan/php-lexer';
import { symfonyAutoMode } from './laravel';
import { callArgs, type ReadValue } from './literal';
import type { ClientConfig, TlsMode } from './model';

export function esmtpTransport(
	tokens: Token[],
	open: number,
	start: number,
	read: ReadValue,
): ClientConfig | undefined {
	const { args, end } = callArgs(tokens, open);
	const host = args[0] === undefined ? undefined : read(tokens, args[0], 'host');
	const port = args[1] === undefined ? undefined : read(tokens, args[1], 'port');
	const tls = args[2] === undefined ? undefined : read(tokens, args[2], 'tls');
	if ((args[0] !== undefined && host?.kind !== 'str') || (args[1] !== undefined && port?.kind !== 'num'))
		return undefined;
	if (args[2] !== undefined && tls?.kind !== 'bool' && tls?.kind !== 'null') return undefined;
	const hostName = host ? host.setting.text : 'localhost';
	const written = port ? Number(port.setting.text) : 0;
	let mode: TlsMode;
	if (tls?.kind === 'bool') mode = tls.setting.text === 'true' ? 'implicit' : 'opportunistic';
	else mode = symfonyAutoMode(written, hostName);
	return {
		library: 'symfony-mailer',
		label: 'new EsmtpTransport()',
		host: hostName,
		port: written || (mode === 'implicit' ? 465 : 25),
		portAt: port?.setting,
		mode,
		modeAt: tls?.kind === 'bool' ? tls.setting : undefined,
		modeText: { implicit: 'true', opportunistic: 'false' },
		start,
		end: tokens[end - 1]?.end ?? start,
	};
}
