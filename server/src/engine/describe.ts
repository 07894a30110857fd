//! What a transport URL means to PHP, in a few lines of Markdown for hovers: transport, TLS mode, host and its
//! kind, port and service, and what PHP will do (or PHP's own error), all derived from parse() and predict().
import { classifyHost } from './hosts';
import { predict } from './outcome';
import type { Target } from './target';
import { IMPLICIT_TLS_PORTS, SERVICE_NAMES, STARTTLS_PORTS } from './transports';

const HOST_KIND = { ipv4: 'IPv4 address', ipv6: 'IPv6 address', name: 'host name' } as const;

export function describe(t: Target): string {
	const { url } = t;
	const lines: string[] = [];
	const fn = t.candidate.call
		? ` passed to \`${t.candidate.call.fn}()\``
		: t.candidate.origin === 'config'
			? ' in a config value'
			: '';
	lines.push(`**Transport URL**${fn}`);
	if (!url.info) {
		lines.push('', `PHP: \`${predict(url).message}\``);
		return lines.join('\n');
	}
	const tls =
		url.info.tls === 'implicit'
			? `implicit TLS${url.info.version ? ` (${url.info.version} only)` : ' (TLS 1.0–1.3, the best both sides offer)'}`
			: 'none';
	const rows: [string, string][] = [
		[
			'transport',
			`\`${url.transport}\`${url.scheme ? '' : ' (no scheme: PHP assumes tcp)'}${url.info.datagram ? ', datagram' : ''}`,
		],
		['TLS', tls],
	];
	if (url.info.family === 'unix') {
		rows.push([
			'path',
			url.path === ''
				? 'none (nothing after `unix://`)'
				: `\`${url.path}\` (${url.path?.startsWith('/') ? 'absolute' : 'relative to the working directory'})`,
		]);
	} else if (!t.partial && url.host !== undefined) {
		const v = classifyHost(url.host, url.bracketed);
		rows.push([
			'host',
			url.host === ''
				? 'none (the address is empty before the port): PHP looks up an empty name'
				: `\`${url.host}\` — ${v.invalid ? `invalid: ${v.invalid}` : HOST_KIND[v.kind]}${v.address && v.address !== url.host ? ` (${v.address})` : ''}`,
		]);
	}
	const port = t.knownPort?.port ?? (t.partial ? undefined : url.port);
	if (port !== undefined && url.info.family === 'inet') rows.push(['port', `${port}${serviceOf(port)}`]);
	lines.push('', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`));
	lines.push('', outcomeLine(t));
	return lines.join('\n');
}

function serviceOf(port: number): string {
	const name = SERVICE_NAMES.get(port);
	if (!name) return '';
	const mode = STARTTLS_PORTS.has(port)
		? ', plaintext then STARTTLS'
		: IMPLICIT_TLS_PORTS.has(port)
			? ', TLS from the first byte'
			: '';
	return ` — ${name}${mode}`;
}

function outcomeLine(t: Target): string {
	if (t.partial) return 'Part of this string is computed at run time; only the parts shown are known.';
	const o = predict(t.url);
	const verb = t.candidate.call?.fn === 'stream_socket_server' ? 'listen on' : 'connect to';
	switch (o.kind) {
		case 'parse-error':
		case 'resolve-error':
		case 'unknown-transport':
			return `PHP fails: \`${o.message}\``;
		case 'unix':
			// Observed with PHP 8.2 on Linux: stream_socket_client("unix://") fails with errno 22, "Invalid argument";
			// stream_socket_server("unix://") succeeds, bound to an address the kernel picks.
			if (o.path === '')
				return verb === 'connect to'
					? 'PHP fails: `Invalid argument` (a unix socket needs a path).'
					: 'PHP will listen on a unix socket with no path: Linux binds it to an address of its own, which no client knows.';
			return `PHP will ${verb} the unix ${o.transport === 'udg' ? 'datagram' : 'stream'} socket \`${o.path}\`${o.truncated ? ' (truncated to 107 bytes)' : ''}.`;
		case 'connect': {
			const where = o.hostKind === 'name' ? `the addresses of \`${o.host}\`` : `\`${o.address}\``;
			return `PHP will ${verb} ${where} port ${o.port}${o.tls ? ' with TLS' : o.transport === 'udp' ? ' over UDP' : ''}.`;
		}
	}
}
