import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileKindFromPath, scan, type FileKind } from '../../server/src/engine/index';

const values = (src: string, kind: FileKind) => scan(src, kind).candidates.map((c) => c.value);

test('values that are or contain transport URLs, in each format', () => {
	assert.deepEqual(values('A=tcp://a:1\nB="tls://b:2" # c\nC=\'udp://c:3\'', 'env'), [
		'tcp://a:1',
		'tls://b:2',
		'udp://c:3',
	]);
	assert.deepEqual(values('host = tls://x:993 ; comment\nurl = "tcp://y:1"', 'ini'), ['tls://x:993', 'tcp://y:1']);
	assert.deepEqual(values('a: tcp://[::1]:1\nb: "ssl://h:465"\nc: [tcp://a:1, tcp://b:2]', 'yaml'), [
		'tcp://[::1]:1',
		'ssl://h:465',
		'tcp://a:1',
		'tcp://b:2',
	]);
	assert.deepEqual(values('{"a":"tcp:\\/\\/h:1","b":"tcp://h:2"}', 'json'), ['tcp://h:1', 'tcp://h:2']);
	assert.deepEqual(values('<server addr="tcp://h:1">tls://h:2</server>', 'xml'), ['tcp://h:1', 'tls://h:2']);
	assert.deepEqual(values('redis = "tcp://h:1"', 'toml'), ['tcp://h:1']);
	assert.deepEqual(values('servers: "tcp://a:1,tcp://b:2"', 'neon'), ['tcp://a:1', 'tcp://b:2']);
});

test('ordinary URLs are never candidates', () => {
	assert.deepEqual(
		values(
			'A=http://x\nB=https://y\nC=redis://z\nD=smtp://m:587\nE=mysql://db\nF=amqps://q\nG=file:///x\nH=ws://w',
			'env',
		),
		[],
	);
});

test('placeholders make a value partial', () => {
	const [c] = scan('A=tls://${HOST}:6380', 'env').candidates;
	assert.deepEqual([c!.value, c!.partial!.suffix], ['tls://', ':6380']);
	const [d] = scan("dsn: '%env(REDIS_HOST)%'\nx: 'tcp://%redis_host%:6379'", 'yaml').candidates;
	assert.deepEqual([d!.value, d!.partial!.suffix], ['tcp://', ':6379']);
});

test('file kinds from paths', () => {
	const kinds = [
		'.env',
		'.env.local',
		'prod.env',
		'a.ini',
		'a.yml',
		'phpunit.xml.dist',
		'c.neon',
		'x.toml',
		'my.cnf',
		'a.phtml',
		'a.inc',
		'a.txt',
	].map(fileKindFromPath);
	assert.deepEqual(kinds, ['env', 'env', 'env', 'ini', 'yaml', 'xml', 'neon', 'toml', 'conf', 'php', 'php', undefined]);
});
