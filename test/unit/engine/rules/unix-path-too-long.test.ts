import { test } from 'node:test';
import { check, quiet } from '../../../helpers/marked';

const R = 'unix-path-too-long';

test('paths over 107 bytes', () => {
	const long = '/tmp/' + 'a'.repeat(103);
	check(R, `stream_socket_client("unix://«${long}»");`);
	check(R, `stream_socket_client("unix://«/tmp/${'é'.repeat(52)}»");`);
});

test('quiet at 107 bytes', () => {
	quiet(R, `stream_socket_client("unix:///tmp/${'a'.repeat(102)}");`);
});
