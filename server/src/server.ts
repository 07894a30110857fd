//! Language server entry: stdio, IPC, a socket or a pipe, chosen by the command line.
import { Connection } from './lsp/connection';
import { startServer } from './lsp/start-server';

startServer(new Connection());
