//! Reading a text that is a string or a document read in parts (TextSource), shared by the passes.
import type { TextEdit } from './scan/php-lexer';
import type { TextSource } from './types';

/** The whole text as a string (a document makes it once). */
export function wholeText(text: string | TextSource): string {
	return typeof text === 'string' ? text : text.text();
}

/** What a pass knows of the previous version: whether there was one, and the span that changed since. */
export interface Since {
	prev?: unknown;
	edit?: TextEdit;
}

/**
 * Whether `re` (a search for words shorter than `pad`) matches `src`: when the previous version had no match and one
 * span changed, only that span (with `pad` characters around it) is searched.
 */
export function mentions(
	src: string | TextSource,
	re: RegExp,
	pad: number,
	since: Since | undefined,
	before: boolean | undefined,
): boolean {
	const e = since?.edit;
	return since?.prev && before === false && e
		? re.test(src.slice(Math.max(0, e.start - pad), e.newEnd + pad))
		: re.test(wholeText(src));
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "1 file", "3 files", "2 fixes": a count and its noun, for summaries. */
export function counted(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : /(?:s|x|ch|sh)$/.test(noun) ? 'es' : 's'}`;
}
