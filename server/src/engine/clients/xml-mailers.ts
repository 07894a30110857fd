//! SwiftmailerBundle's settings in XML (`<swiftmailer:config transport="smtp" port="587" encryption="ssl"/>`, and its
//! `<swiftmailer:mailer name="…" …/>` children), read with `saxes` (a well-kept streaming XML parser that reports
//! positions), judged as the bundle applies them (swiftmailer-bundle.ts). Offsets of an attribute's value come from
//! the parser's position after it; a value written with entities is not edited (it is read as unknown).
import type * as Saxes from 'saxes';
import type { Entry } from './literal';
import type { ClientConfig } from './model';
import { bundleMailer, CONTAINER_PARAMETER } from './swiftmailer-bundle';

/** The word an XML file must hold for this pass to read it (the prefilter's too). */
export const XML_MAILER_WORDS: readonly string[] = ['swiftmailer:'];
const ELEMENTS = new Set(['swiftmailer:config', 'swiftmailer:mailer']);

/** The library, loaded the first time a file passes the gate (as the YAML pass does with `yaml`). */
let saxes: typeof Saxes | undefined;
function lib(): typeof Saxes {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
	return (saxes ??= require('saxes') as typeof Saxes);
}

export function xmlMailers(src: string): ClientConfig[] {
	if (!XML_MAILER_WORDS.some((w) => src.includes(w))) return [];
	const out: ClientConfig[] = [];
	const parser = new (lib().SaxesParser)({ position: true });
	let attributes = new Map<string, Entry>();
	let start = 0;
	parser.on('opentagstart', (tag) => {
		attributes = new Map();
		start = parser.position - tag.name.length - 1;
	});
	parser.on('attribute', (a) => {
		attributes.set(a.name, literal(src, parser.position, a.name, a.value));
	});
	parser.on('opentag', (tag) => {
		if (!ELEMENTS.has(tag.name) || attributes.has('url')) return;
		const e = (k: string) => attributes.get(k);
		out.push(
			...bundleMailer(e('transport'), e('host'), e('port'), e('encryption'), { start, end: parser.position }, tag.name),
		);
	});
	// A broken file is read as far as it goes: what was found before the error stands.
	parser.on('error', () => {
		throw STOP;
	});
	try {
		parser.write(src).close();
	} catch (e) {
		if (e !== STOP) throw e;
	}
	return out;
}

const STOP = new Error('stop');

/** An attribute's value as a literal; `after` is the parser's position just after its closing quote. */
function literal(src: string, after: number, name: string, value: string): Entry {
	const quote = src[after - 1];
	if ((quote !== '"' && quote !== "'") || CONTAINER_PARAMETER.test(value)) return 'other';
	const end = after - 1;
	const start = end - value.length;
	// Written with entities (&amp;…): the text is not the value, so there is nothing to edit in place.
	if (src[start - 1] !== quote || src.slice(start, end) !== value) return 'other';
	return { setting: { text: value, start, end, name }, kind: /^\d+$/.test(value) ? 'num' : 'str', next: 0 };
}
