//! SwiftmailerBundle's settings in YAML (config/packages/swiftmailer.yaml, app/config/config.yml, parameters.yml), read
//! with the `yaml` library's document model (ranges kept, broken files tolerated), not line by line: `swiftmailer:`
//! (anywhere, e.g. under `when@prod:`), its `mailers:`, and `parameters:` `mailer_*`, judged as the bundle applies
//! them (swiftmailer-bundle.ts).
import type * as Yaml from 'yaml';
import type { Node, Scalar, YAMLMap } from 'yaml';
import type { Entry } from './literal';
import type { ClientConfig } from './model';
import { bundleMailer, CONTAINER_PARAMETER } from './swiftmailer-bundle';

/** The words a YAML file must hold for this pass to read it (the prefilter's too). */
export const YAML_MAILER_WORDS: readonly string[] = ['swiftmailer', 'mailer_port', 'mailer_encryption'];
const GATE = /swiftmailer\s*:|mailer_(?:port|encryption)\s*:/;
const MAX_DEPTH = 8;

/**
 * The library, loaded the first time a file passes the gate: loading it costs 30–50 ms, which a process that never
 * meets a SwiftmailerBundle file (the CLI's workers, the server) should not pay at start-up.
 */
let yaml: typeof Yaml | undefined;
function lib(): typeof Yaml {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
	return (yaml ??= require('yaml') as typeof Yaml);
}

export function yamlMailers(src: string): ClientConfig[] {
	if (!GATE.test(src)) return [];
	const { isMap, parseAllDocuments } = lib();
	const out: ClientConfig[] = [];
	for (const doc of parseAllDocuments(src, { uniqueKeys: false, strict: false, prettyErrors: false })) {
		if ('contents' in doc && isMap(doc.contents)) visit(doc.contents, 0, out);
	}
	return out;
}

function visit(map: YAMLMap, depth: number, out: ClientConfig[]): void {
	if (depth > MAX_DEPTH) return;
	const { isMap, isScalar } = lib();
	for (const pair of map.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
		if (!isMap(pair.value)) continue;
		if (key === 'swiftmailer') {
			const mailers: unknown = pair.value.get('mailers', true);
			if (isMap(mailers)) {
				for (const m of mailers.items) if (isMap(m.value)) push(out, mailer(m.value, 'swiftmailer.mailers'));
			} else push(out, mailer(pair.value, 'swiftmailer:'));
		} else if (key === 'parameters') push(out, parameters(pair.value));
		else visit(pair.value, depth + 1, out);
	}
}

function push(out: ClientConfig[], c: ClientConfig[]): void {
	out.push(...c);
}

/** `transport:`, `host:`, `port:`, `encryption:` of one mailer. */
function mailer(map: YAMLMap, label: string): ClientConfig[] {
	if (map.has('url')) return [];
	const e = (k: string) => entry(map, k);
	return bundleMailer(e('transport'), e('host'), e('port'), e('encryption'), rangeOf(map), label);
}

/** Symfony Standard Edition's parameters.yml: mailer_transport, mailer_host, mailer_port, mailer_encryption. */
function parameters(map: YAMLMap): ClientConfig[] {
	if (!map.has('mailer_port') && !map.has('mailer_encryption')) return [];
	const e = (k: string) => entry(map, k);
	const transport = map.has('mailer_transport') ? e('mailer_transport') : undefined;
	return bundleMailer(
		transport,
		e('mailer_host'),
		e('mailer_port'),
		e('mailer_encryption'),
		rangeOf(map),
		'mailer_* parameters',
	);
}

function rangeOf(map: YAMLMap): { start: number; end: number } {
	return { start: map.range?.[0] ?? 0, end: map.range?.[1] ?? 0 };
}

/** A mapping's value as a literal, with the offsets of its text (inside the quotes); 'other' when it is not one. */
function entry(map: YAMLMap, key: string): Entry | undefined {
	const node = map.get(key, true) as Node | undefined;
	if (node === undefined) return undefined;
	if (!lib().isScalar(node) || !node.range) return 'other';
	return literal(node as Scalar, key);
}

function literal(node: Scalar, name: string): Entry {
	const [s, e] = node.range!;
	const v = node.value;
	if (v === null) return { setting: { text: '', start: s, end: e, name }, kind: 'null', next: 0 };
	if (typeof v === 'boolean') return { setting: { text: String(v), start: s, end: e, name }, kind: 'bool', next: 0 };
	if (typeof v === 'number') return { setting: { text: String(v), start: s, end: e, name }, kind: 'num', next: 0 };
	if (typeof v !== 'string' || CONTAINER_PARAMETER.test(v)) return 'other';
	const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
	const start = quoted ? s + 1 : s;
	const end = quoted ? e - 1 : e;
	// A double-quoted value with escapes does not map character by character: not a literal to edit.
	if (end - start !== v.length) return 'other';
	return { setting: { text: v, start, end, name }, kind: /^\d+$/.test(v) ? 'num' : 'str', next: 0 };
}
