//! parse_ip_address_ex() needs "host:port" (the colon search skips the last byte, so "host:" fails too); PHP has
//! no default port: "Failed to parse address". fsockopen() appends its port argument only when it is > 0.
import { editSpan, wholeRange } from '../target';
import { addPortFixes } from '../port-guess';
import { brief, CALLS_ONLY, isFsockopen, defineRule } from './rule';

export const missingPort = defineRule({
	meta: {
		id: 'missing-port',
		defaultSeverity: 'error',
		summary: 'No port on an IP transport: PHP fails with "Failed to parse address" (there is no default port).',
		origins: CALLS_ONLY,
		fixes: 'sometimes',
		messages: {
			noPort: '{{what}}: PHP has no default port and fails ("Failed to parse address").{{hint}}',
		},
		syntax: true,
	},
	checkUrl(t) {
		const { url } = t;
		if (t.partial || t.portArgumentUnknown || url.error?.kind !== 'address') return [];
		const port = t.candidate.call?.port;
		const hint = isFsockopen(t)
			? port?.known
				? ` fsockopen() appends its port only when it is above 0 (here ${port.int}).`
				: " Pass the port as fsockopen()'s second argument."
			: ' Add ":port" to the address.';
		const what = url.name === '' ? 'The address is empty' : `No port in "${brief(url.name)}"`;
		const range = url.name === '' ? wholeRange(t) : editSpan(t, { start: url.nameStart, end: t.literalLength }, '');
		const trailingColon = url.raw[t.literalLength - 1] === ':';
		const fixes =
			url.name === '' || isFsockopen(t)
				? []
				: addPortFixes(t, t.literalLength, url.name.replace(/:$/, ''), !trailingColon);
		return [
			{
				...range,
				messageId: 'noPort',
				data: { what, hint },
				detail: `${what}: PHP fails with "${url.error.message}" — it has no default port.${hint}`,
				fixes,
			},
		];
	},
});
