//! Loopback peers for the PHP differential test, started inside its network namespace: a plaintext greeter
//! (127.0.0.1 and ::1 port 18080), a TLS server (port 18443), a UDP echo (127.0.0.1:18053) and unix sockets.
import * as dgram from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';

const dir = process.argv[2]!;
const cert = readFileSync(path.join(dir, 'cert.pem'));
const key = readFileSync(path.join(dir, 'key.pem'));
const greet = (socket: net.Socket): void => {
	socket.on('error', () => undefined);
	socket.end('220 transport-lint greeter\r\n');
};
const listening: Promise<void>[] = [];
const listen = (server: net.Server, options: net.ListenOptions): void => {
	listening.push(new Promise((resolve) => server.listen(options, resolve)));
};
for (const host of ['127.0.0.1', '::1']) {
	listen(net.createServer(greet), { host, port: 18080 });
	const secure = tls.createServer({ cert, key }, (s) => s.end('hello\n'));
	secure.on('tlsClientError', () => undefined);
	listen(secure, { host, port: 18443 });
}
listen(net.createServer(greet), { path: path.join(dir, 'stream.sock') });
const udp = dgram.createSocket('udp4');
udp.on('message', (msg, rinfo) => udp.send(msg, rinfo.port, rinfo.address));
listening.push(new Promise((resolve) => udp.bind(18053, '127.0.0.1', resolve)));
writeFileSync(path.join(dir, 'regular.file'), 'not a socket\n');
void Promise.all(listening).then(() => writeFileSync(path.join(dir, 'ready'), 'ok'));
