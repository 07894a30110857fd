//! A scheme PHP does not recognise (fewer than 2 characters, a character outside [A-Za-z0-9+.-], a wrong "://",
//! leading whitespace, a second scheme) makes _php_stream_xport_create() take the whole string as a tcp host.
import { editSpan } from '../target';
import { isTransportLike } from '../scan/schemes';
import { CALLS_ONLY, defineRule, type MessageData } from './rule';

export const malformedScheme = defineRule({
	meta: {
		id: 'malformed-scheme',
		defaultSeverity: 'error',
		summary: 'A scheme PHP does not recognise, so the whole string becomes a tcp host name.',
		origins: CALLS_ONLY,
		fixes: 'sometimes',
		syntax: true,
		messages: {
			twice: 'The scheme is written twice: PHP strips only one, then looks up host "{{host}}" and fails.',
			leadingSpace: 'Leading whitespace: PHP sees no scheme and looks up the host "{{host}}" over tcp, which fails.',
			oneCharacter:
				'"{{scheme}}://" is not a scheme to PHP (a transport name has at least 2 characters): the whole string is taken as a tcp target with host "{{scheme}}".',
			separator:
				'"{{written}}" is not "{{scheme}}://": PHP sees no scheme, takes the whole string as a tcp target and looks up the host "{{host}}".',
			character:
				'"{{scheme}}" is not a scheme to PHP ({{character}} is not allowed in a transport name), so the whole string is taken as a tcp target and fails.',
		},
	},
	checkUrl(t) {
		const raw = t.candidate.value;
		const { url } = t;
		const at = (
			start: number,
			end: number,
			messageId: 'twice' | 'leadingSpace' | 'oneCharacter' | 'separator' | 'character',
			data: MessageData,
			title?: string,
			text?: string,
		) => {
			const range = editSpan(t, { start, end }, '');
			const fixes =
				title !== undefined ? [{ title, edits: [editSpan(t, { start, end }, text ?? '')], preferred: true }] : [];
			return [{ ...range, messageId, data, fixes }];
		};
		if (url.scheme !== undefined) {
			const again = /^([A-Za-z0-9+.-]{2,}):\/\//.exec(url.name);
			if (again && isTransportLike(again[1]!)) {
				const start = url.nameStart;
				return at(start, start + again[0].length, 'twice', { host: again[1]! }, 'Remove the second scheme');
			}
			return [];
		}
		const lead = /^(\s+)([A-Za-z0-9+.-]+):\/\//.exec(raw);
		if (lead && isTransportLike(lead[2]!)) {
			return at(0, lead[1]!.length, 'leadingSpace', { host: lead[1]! + lead[2]! }, 'Remove the leading whitespace');
		}
		const one = /^([A-Za-z0-9+.-]):\/\//.exec(raw);
		if (one) {
			return at(0, 4, 'oneCharacter', { scheme: one[1]! });
		}
		const sep = /^([A-Za-z0-9+.-]{2,})(:\/(?!\/)|:(?!\/)|\/\/)/.exec(raw);
		if (sep && isTransportLike(sep[1]!) && !/^\d+$/.test(sep[1]!)) {
			const s = sep[1]!.length;
			return at(
				s,
				s + sep[2]!.length,
				'separator',
				{ written: sep[1]! + sep[2]!, scheme: sep[1]!, host: raw.split(':')[0]! },
				`Write ${sep[1]}://`,
				'://',
			);
		}
		const bad = /^([^:/\s]{2,24}):\/\//.exec(raw);
		if (bad) {
			const ch = /[^A-Za-z0-9+.-]/.exec(bad[1]!)?.[0];
			if (ch === undefined) return [];
			return at(0, bad[1]!.length, 'character', { scheme: bad[1]!, character: JSON.stringify(ch) });
		}
		return [];
	},
});
