// The VS Code client for `terms lsp`: starts the server over standard input
// and output for every *.terms file, and restarts it with a command.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration('terms');
  const command = config.get('server.path', 'terms');
  const args = ['lsp', ...config.get('server.extraArgs', [])];
  return { command, args, transport: TransportKind.stdio };
}

async function start(context) {
  client = new LanguageClient(
    'terms',
    'Terms',
    serverOptions(),
    {
      documentSelector: [{ scheme: 'file', language: 'terms' }, { scheme: 'untitled', language: 'terms' }],
      synchronize: {
        // terms.json and imported files changed on disk: the server re-checks open files.
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.terms,terms.json}'),
      },
    },
  );
  await client.start();
  context.subscriptions.push(client);
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('terms.restartServer', async () => {
      if (client) await client.stop();
      await start(context);
    }),
  );
  await start(context);
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
