//! Language server entry: stdio, IPC or a socket, chosen by the command line (vscode-languageserver does that).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/start-server';

startServer(createConnection(ProposedFeatures.all));
