//! parse_ip_address_ex() accepts "[" only as "[address]:port": it searches "]" in all but the last byte and needs
//! ":" right after it, else "Failed to parse IPv6 address"; "[v6]:" with nothing after it is port 0.
import { editSpan } from '../target';
import type { Fix } from '../types';
import { addPortFixes } from '../port-guess';
import { ALL_ORIGINS, defineRule, type MessageData } from './rule';

export const bracketSyntax = defineRule({
	meta: {
		id: 'bracket-syntax',
		defaultSeverity: 'error',
		summary:
			'Brackets PHP cannot parse: unclosed, doubled, no port after "]", text between "]" and ":", or an empty port.',
		origins: ALL_ORIGINS,
		fixes: 'sometimes',
		syntax: true,
		messages: {
			noOpening: '"]" without "[": {{why}}. Write [address]:port.',
			unclosed: 'Unclosed "[": {{why}}. Write [address]:port.',
			doubled: 'Doubled brackets: {{why}}. Use one pair: [{{inner}}].',
			noPort: 'Brackets without a port: {{why}} (there is no default port). Add ":port" after "]".',
			textAfter: 'Text between "]" and ":" ({{junk}}): {{why}}. The port must follow "]:" directly.',
			emptyPort:
				'"]:" with no port: PHP accepts it and uses port 0, so the connection is refused. Add the port after the colon.',
		},
	},
	checkUrl(t) {
		const { url } = t;
		if (url.info?.family !== 'inet' || t.partial) return [];
		const base = url.nameStart;
		const name = url.raw.slice(base, Math.max(base, t.literalLength));
		const inCall = t.candidate.origin === 'call';
		const out = (start: number, end: number, messageId: Id, data: MessageData, fixes: Fix[] = []) => [
			{ ...editSpan(t, { start: base + start, end: base + end }, ''), messageId, data, fixes },
		];
		const phpSays = url.error ? `PHP fails with "${url.error.message}"` : 'PHP cannot parse it';
		if (!name.startsWith('[')) {
			const close = name.indexOf(']');
			if (close >= 0 && /^[0-9A-Fa-f:.%]*\]/.test(name)) {
				return out(
					0,
					close + 1,
					'noOpening',
					{ why: url.error ? phpSays : `PHP splits at the first colon and looks up host "${url.host ?? ''}"` },
					[
						{
							title: 'Add the opening bracket',
							edits: [editSpan(t, { start: base, end: base }, '[')],
							preferred: true,
						},
					],
				);
			}
			return [];
		}
		const close = name.indexOf(']');
		if (close < 0) {
			return out(0, name.length, 'unclosed', { why: phpSays });
		}
		if (name.startsWith('[[') || name[close + 1] === ']') {
			const inner = name.replace(/^\[+/, '').replace(/\]+/, ']');
			return out(
				0,
				name.indexOf(':', close) < 0 ? name.length : name.indexOf(':', close),
				'doubled',
				{ why: phpSays, inner: inner.split(']')[0]! },
				[
					{
						title: 'Use one pair of brackets',
						edits: [editSpan(t, { start: base, end: base + name.length }, `[${inner}`)],
						preferred: true,
					},
				],
			);
		}
		const appended = (t.candidate.call?.port?.int ?? 0) > 0;
		if (close === name.length - 1) {
			if (!inCall || t.portArgumentUnknown || appended) return [];
			return out(0, name.length, 'noPort', { why: phpSays }, addPortFixes(t, base + name.length, '', true));
		}
		if (name[close + 1] !== ':') {
			const colon = name.indexOf(':', close);
			const junk = colon < 0 ? name.slice(close + 1) : name.slice(close + 1, colon);
			const fixes: Fix[] =
				colon >= 0 && /^\s+$/.test(junk)
					? [
							{
								title: 'Remove the space after "]"',
								edits: [editSpan(t, { start: base + close + 1, end: base + colon }, '')],
								preferred: true,
							},
						]
					: /^\d+$/.test(junk)
						? [
								{
									title: `Add ":" before the port`,
									edits: [editSpan(t, { start: base + close + 1, end: base + close + 1 }, ':')],
									preferred: true,
								},
							]
						: [];
			return out(
				close + 1,
				colon < 0 ? name.length : colon + 1,
				'textAfter',
				{ junk: JSON.stringify(junk), why: phpSays },
				fixes,
			);
		}
		if (close === name.length - 2 && inCall && !t.portArgumentUnknown && !appended) {
			return out(close + 1, name.length, 'emptyPort', {}, addPortFixes(t, base + name.length, '', false));
		}
		return [];
	},
});

type Id = 'noOpening' | 'unclosed' | 'doubled' | 'noPort' | 'textAfter' | 'emptyPort';
