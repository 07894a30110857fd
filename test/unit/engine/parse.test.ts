import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTransportUrl, predict } from '../../../server/src/engine/index';
import { atoi, port16 } from '../../../server/src/engine/parse';

// [input, transport, host, port, error] — the expectations are php-transports.md §2–§3, observed on PHP 8.2.
const TABLE: [string, string, string | undefined, number | undefined, string | undefined][] = [
	['tcp://127.0.0.1:80', 'tcp', '127.0.0.1', 80, undefined],
	['127.0.0.1:18080', 'tcp', '127.0.0.1', 18080, undefined],
	['[::1]:18080', 'tcp', '::1', 18080, undefined],
	['tcp://[fe80::1]:80', 'tcp', 'fe80::1', 80, undefined],
	['tcp://fe80::1:80', 'tcp', 'fe80', 0, undefined],
	['tcp://2001:db8::1:80', 'tcp', '2001', 0, undefined],
	['tcp://127.0.0.1', 'tcp', undefined, undefined, 'Failed to parse address "127.0.0.1"'],
	['tcp://127.0.0.1:', 'tcp', undefined, undefined, 'Failed to parse address "127.0.0.1:"'],
	['tcp://[::1]', 'tcp', undefined, undefined, 'Failed to parse IPv6 address "[::1]"'],
	['tcp://[::1]:', 'tcp', '::1', 0, undefined],
	['tcp://::1:18080', 'tcp', '', 0, undefined],
	['tcp://[', 'tcp', undefined, undefined, 'Failed to parse address "["'],
	['tcp://[]', 'tcp', undefined, undefined, 'Failed to parse IPv6 address "[]"'],
	['tcp://[]:18080', 'tcp', '', 18080, undefined],
	['tcp://[::1]18080', 'tcp', undefined, undefined, 'Failed to parse IPv6 address "[::1]18080"'],
	['tcp://[127.0.0.1]:18080', 'tcp', '127.0.0.1', 18080, undefined],
	['tcp://127.0.0.1:18080abc', 'tcp', '127.0.0.1', 18080, undefined],
	['tcp://127.0.0.1:18080:18081', 'tcp', '127.0.0.1', 18080, undefined],
	['tcp://127.0.0.1::18080', 'tcp', '127.0.0.1', 0, undefined],
	['tcp://127.0.0.1:1e4', 'tcp', '127.0.0.1', 1, undefined],
	['tcp://127.0.0.1: 18080', 'tcp', '127.0.0.1', 18080, undefined],
	['tcp://127.0.0.1:+18080', 'tcp', '127.0.0.1', 18080, undefined],
	['tcp://127.0.0.1:65536', 'tcp', '127.0.0.1', 0, undefined],
	['tcp://127.0.0.1:83616', 'tcp', '127.0.0.1', 18080, undefined],
	['tcp://127.0.0.1:99999', 'tcp', '127.0.0.1', 34463, undefined],
	['tcp://127.0.0.1:4294967296', 'tcp', '127.0.0.1', 0, undefined],
	['tcp://127.0.0.1:-1', 'tcp', '127.0.0.1', 65535, undefined],
	['tcp://127.0.0.1:-18080', 'tcp', '127.0.0.1', 47456, undefined],
	['tcp://127.0.0.1:99999999999999999999', 'tcp', '127.0.0.1', 65535, undefined],
	['tcp://user:pass@127.0.0.1:18080', 'tcp', 'user', 0, undefined],
	['tcp://127.0.0.1?port=18080', 'tcp', undefined, undefined, 'Failed to parse address "127.0.0.1?port=18080"'],
	['tcp://', 'tcp', undefined, undefined, 'Failed to parse address ""'],
	['tcp:127.0.0.1:18080', 'tcp', 'tcp', 127, undefined],
	['a://127.0.0.1:18080', 'tcp', 'a', 0, undefined],
	['tcp://tcp://127.0.0.1:18080', 'tcp', 'tcp', 0, undefined],
	[' tcp://127.0.0.1:18080', 'tcp', ' tcp', 0, undefined],
	['tcp://127.0.0.1:18080\0', 'tcp', undefined, undefined, 'The hostname must not contain null bytes'],
	['TCP://127.0.0.1:80', 'TCP', undefined, undefined, undefined],
	['tlsv1.2://h:443', 'tlsv1.2', 'h', 443, undefined],
];

test('host, port and errors match php-src parse_ip_address_ex()', () => {
	for (const [raw, transport, host, port, error] of TABLE) {
		const u = parseTransportUrl(raw);
		assert.equal(u.transport, transport, raw);
		assert.equal(u.host, host, raw);
		assert.equal(u.port, port, raw);
		assert.equal(u.error?.message, error, raw);
	}
});

test('unix paths are taken verbatim', () => {
	assert.equal(parseTransportUrl('unix:///run/x.sock:80').path, '/run/x.sock:80');
	assert.equal(parseTransportUrl('udg://tmp/x').path, 'tmp/x');
});

test('atoi saturates like glibc and port16 wraps', () => {
	assert.equal(atoi('99999999999999999999', 0).value, -1);
	assert.equal(atoi('-99999999999999999999', 0).value, 0);
	assert.equal(atoi('  \t42x', 0).value, 42);
	assert.equal(port16(-1), 65535);
	assert.equal(port16(65536 + 80), 80);
});

test('predict names what PHP will do', () => {
	assert.equal(predict(parseTransportUrl('TCP://h:1')).kind, 'unknown-transport');
	assert.equal(predict(parseTransportUrl('tcp://[::1]')).kind, 'parse-error');
	assert.deepEqual(
		(({ kind, hostKind, address, port, tls }) => ({ kind, hostKind, address, port, tls }))(
			predict(parseTransportUrl('tls://0x7f.1:443')),
		),
		{ kind: 'connect', hostKind: 'ipv4', address: '127.0.0.1', port: 443, tls: true },
	);
	assert.equal(predict(parseTransportUrl('tcp://127.0.0.256:80')).kind, 'resolve-error');
	assert.equal(predict(parseTransportUrl(`unix:///${'a'.repeat(120)}`)).truncated, true);
});
