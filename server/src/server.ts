//! Language server entry: stdio, IPC, a socket or a pipe, chosen by the command line.
import { openConnection } from './lsp/connection';
import { startServer } from './lsp/start-server';

const server = openConnection();
startServer(server);
server.connection.listen();
