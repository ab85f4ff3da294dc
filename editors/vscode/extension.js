// Starts `itembank lsp` for the XML files of the workspace (items, framework.xml, bank.xml).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("itembank").get("path") || "itembank";
  client = new LanguageClient(
    "itembank",
    "itembank",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "xml" }] }
  );
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
