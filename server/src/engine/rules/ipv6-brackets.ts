//! parse_ip_address_ex() (main/streams/xp_socket.c) cuts host and port at the FIRST colon unless the name starts
//! with "[", so an IPv6 address must be written in brackets: "tcp://fe80::1:80" looks up host "fe80".
import { editSpan } from '../target';
import { classifyHost, parseIpv6 } from '../hosts';
import type { Fix } from '../types';
import { ALL_ORIGINS, brief, isFsockopen, defineRule } from './rule';

export const ipv6Brackets = defineRule({
	meta: {
		id: 'ipv6-brackets',
		defaultSeverity: 'error',
		summary: 'An IPv6 address without brackets: PHP splits host and port at the first colon.',
		origins: ALL_ORIGINS,
		fixes: 'always',
		messages: {
			noBrackets: 'IPv6 address without brackets: PHP splits at the first colon, so {{what}}. Write {{example}}.',
		},
		syntax: true,
	},
	checkUrl(t) {
		const { url } = t;
		if (url.info?.family !== 'inet' || url.name.startsWith('[')) return [];
		const base = url.nameStart;
		const literalName = url.raw.slice(base, Math.max(base, t.literalLength));
		const end = /[/?#\s]/.exec(literalName)?.index ?? literalName.length;
		const written = literalName.slice(0, end);
		if ((written.match(/:/g)?.length ?? 0) < (isFsockopen(t) && !t.partial ? 1 : 2)) return [];
		const last = written.lastIndexOf(':');
		const withPort = written.slice(last + 1);
		const readings: { addr: string; port?: string }[] = [];
		if (
			/^\d{1,5}$/.test(withPort) &&
			parseIpv6(written.slice(0, last)) &&
			!(isFsockopen(t) && t.knownPort?.fromArgument)
		) {
			readings.push({ addr: written.slice(0, last), port: withPort });
		}
		const whole = t.partial && written.endsWith(':') ? written.slice(0, -1) : written;
		if (parseIpv6(whole)) readings.push({ addr: whole });
		if (!readings.length) return [];
		const host = url.host ?? '';
		const span = { start: base, end: base + written.length };
		const portSupplied = t.knownPort?.fromArgument === true || (t.partial && written.endsWith(':'));
		const fixes: Fix[] = readings.map((r, i) => ({
			title:
				r.port !== undefined
					? `Bracket as [${r.addr}]:${r.port} (port ${r.port})`
					: portSupplied
						? `Bracket as [${r.addr}]`
						: `Bracket as [${r.addr}] (no port yet: type it after ":")`,
			edits: [
				editSpan(
					t,
					span,
					r.port !== undefined ? `[${r.addr}]:${r.port}` : `[${r.addr}]${portSupplied && !t.partial ? '' : ':'}`,
				),
			],
			preferred: i === 0 && (r.port !== undefined || portSupplied),
		}));
		const example =
			readings[0]!.port !== undefined ? `[${readings[0]!.addr}]:${readings[0]!.port}` : `[${readings[0]!.addr}]`;
		const numeric = classifyHost(host, false);
		const port = url.port !== undefined ? ` port ${url.port}` : '';
		const what = t.partial
			? 'the host is cut at the first colon'
			: numeric.address
				? `it reads "${host}" as the IPv4 address ${numeric.address} and connects to${port} there`
				: `it looks up host "${host}"${port && ' with' + port} (${host === '' ? '"getaddrinfo for  failed"' : 'a DNS lookup that fails or reaches the wrong host'})`;
		const short = t.partial
			? what
			: numeric.address
				? `it connects to the IPv4 address ${numeric.address}`
				: `it looks up host "${brief(host, 20)}"${port && ' with' + port}`;
		return [
			{
				...editSpan(t, span, ''),
				messageId: 'noBrackets',
				data: { what: brief(short, 70), example: brief(example, 50) },
				detail: `IPv6 address without brackets: PHP splits host and port at the first colon, so ${what}. Write ${example}.`,
				fixes,
			},
		];
	},
});
