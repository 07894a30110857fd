//! sprintf() and vsprintf() over values (ext/standard/formatted_print.c php_formatted_print()): the format's
//! literal text keeps its offsets, `%s` takes its argument's value, `%d`/`%u` its integer value (a hole that can
//! only hold digits when the argument is unknown), padding and precision applied to known arguments.
import { UNKNOWN, concat, hole, intOf, isHole, madeAt, str, textOf, type Known, type Value } from './value';

/** `%[argnum$][flags][width][.precision]specifier` */
const DIRECTIVE = /%(?:(\d+)\$)?([-+ 0]|'[\s\S])*(\d+)?(?:\.(\d+))?([bcdeEfFgGhHosuxX%])?/g;

export function sprintf(fn: 'sprintf' | 'vsprintf', args: (Value | undefined)[]): Value {
	const format = args[0];
	const fmt = format?.length === 1 ? format[0] : undefined;
	if (fmt?.k !== 's') return UNKNOWN;
	if (fmt.parts.some(isHole)) return UNKNOWN;
	let values: (Value | undefined)[];
	if (fn === 'vsprintf') {
		const list = args[1];
		const arr = list?.length === 1 ? list[0] : undefined;
		if (arr?.k !== 'a') return UNKNOWN;
		const entries = arr.entries;
		values = [];
		for (let i = 0; entries.has(String(i)); i++) values.push(entries.get(String(i)));
		if (values.length !== entries.size) return UNKNOWN;
	} else values = args.slice(1);
	// The format as one known text, with the offset of each character.
	const text = fmt.parts.map((p) => (p as Known).text).join('');
	const map: number[] = [];
	for (const p of fmt.parts as Known[]) map.push(...p.map.slice(0, p.text.length));
	map.push((fmt.parts[fmt.parts.length - 1] as Known | undefined)?.map.at(-1) ?? -1);
	const slice = (from: number, to: number): Known => ({ text: text.slice(from, to), map: map.slice(from, to + 1) });
	let out: Value = str([], true);
	let last = 0;
	let next = 0;
	DIRECTIVE.lastIndex = 0;
	for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
		out = concat(out, str([slice(last, m.index)]));
		last = m.index + m[0].length;
		const spec = m[5];
		if (spec === '%') {
			out = concat(out, str([slice(m.index + 1, last)]));
			continue;
		}
		if (!spec) return UNKNOWN;
		const at = m[1] !== undefined ? Number(m[1]) - 1 : next++;
		const arg = values[at];
		// PHP 8 throws ArgumentCountError: no string is made.
		if (at >= values.length || at < 0) return UNKNOWN;
		out = concat(out, formatted(arg ?? UNKNOWN, spec, m[0], m[3], m[4]));
	}
	return concat(out, str([slice(last, text.length)]));
}

function formatted(
	arg: Value,
	spec: string,
	directive: string,
	width: string | undefined,
	precision: string | undefined,
): Value {
	const pad = /'([\s\S])/.exec(directive)?.[1] ?? (/%(?:\d+\$)?[-+ ]*0/.test(directive) ? '0' : ' ');
	const left = /%(?:\d+\$)?(?:[+ 0]|'[\s\S])*-/.test(directive);
	const out: Value = [];
	for (const a of arg) {
		let text: string | undefined;
		if (spec === 's') {
			text = textOf(a);
			if (text !== undefined && precision !== undefined) text = text.slice(0, Number(precision));
		} else if (spec === 'd' || spec === 'u') {
			const n = intOf(a);
			if (n !== undefined && !(spec === 'u' && n < 0))
				text = (directive.includes('+') && n >= 0 ? '+' : '') + String(n);
		} else {
			out.push({ k: 's', parts: [hole()], via: true });
			continue;
		}
		if (text === undefined) {
			// Unknown: a %s argument may be anything; a %d one is digits (and maybe a sign).
			out.push(
				spec === 's' && width === undefined && a.k === 's'
					? { ...a, via: true }
					: { k: 's', parts: [hole(undefined, spec !== 's')], via: true },
			);
			continue;
		}
		const w = width === undefined ? 0 : Number(width);
		const original = a.k === 's' && textOf(a) === text ? a : undefined;
		if (text.length < w) text = left ? text + pad.repeat(w - text.length) : pad.repeat(w - text.length) + text;
		if (original && textOf(original) === text) out.push({ ...original, via: true });
		else {
			const first = a.k === 's' ? (a.parts.find((p) => !isHole(p)) as Known | undefined) : undefined;
			const lastKnown = a.k === 's' ? ([...a.parts].reverse().find((p) => !isHole(p)) as Known | undefined) : undefined;
			out.push({ k: 's', parts: [madeAt(text, first?.map[0] ?? -1, lastKnown?.map.at(-1) ?? -1)], via: true });
		}
	}
	return out.length ? out : UNKNOWN;
}
