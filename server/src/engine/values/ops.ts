//! PHP operators from the lexer's punctuation: the lexer keeps one to three characters per token (`->`, `=>`, `::`),
//! so `.=`, `??`, `===` and the like are read here from adjacent tokens.
import type { Token } from '../scan/php-lexer';

/** Operators made of several adjacent punctuation tokens, longest first. */
const COMPOUND = [
	'<<=',
	'>>=',
	'**=',
	'??=',
	'===',
	'!==',
	'<=>',
	'.=',
	'|=',
	'&=',
	'^=',
	'+=',
	'-=',
	'*=',
	'/=',
	'%=',
	'??',
	'?:',
	'||',
	'&&',
	'==',
	'!=',
	'<>',
	'<=',
	'>=',
	'<<',
	'>>',
	'**',
	'++',
	'--',
];

export interface Op {
	text: string;
	/** Index of the token after the operator. */
	next: number;
}

/** The operator starting at tokens[k] (a punctuation token), joining adjacent ones. */
export function opAt(tokens: Token[], k: number): Op {
	const t = tokens[k]!;
	let text = t.text;
	let j = k + 1;
	let end = t.end;
	while (text.length < 3) {
		const n = tokens[j];
		if (n?.kind !== 'punct' || n.start !== end || n.start < 0) break;
		const joined = text + n.text;
		if (!COMPOUND.some((c) => c.startsWith(joined))) break;
		text = joined;
		end = n.end;
		j++;
	}
	// Keep only a whole compound operator (`?-` is not one): fall back to the longest prefix that is.
	while (text.length > t.text.length && !COMPOUND.includes(text)) {
		text = text.slice(0, -1);
		j--;
	}
	return { text, next: j };
}

/** Assignment operators: `=` and the compound ones. */
export const ASSIGNMENTS = new Set([
	'=',
	'.=',
	'|=',
	'&=',
	'^=',
	'+=',
	'-=',
	'*=',
	'/=',
	'%=',
	'??=',
	'<<=',
	'>>=',
	'**=',
]);
