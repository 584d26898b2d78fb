Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 250

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/p.terms", "languageId": "terms", "version": 1, "text": "profile mine \"Mine\" {\n  require verified \"Verified\": every dismantle is verified;\n}\n"}}}Content-Length: 159

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/p.terms"}, "position": {"line": 1, "character": 40}}}Content-Length: 111

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/p.terms"}}}