Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 490

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/main.terms", "languageId": "terms", "version": 1, "text": "import \"lib.terms\";\n\n// A step-by-step deal.\nagreement deal \"Deal\" {\n  step 1 \"Freeze\" {\n    freeze yongbyon verified by iaea;\n    suspend s1;\n  }\n  step 2 \"Dismantle\" after 1 {\n    dismantle yongbyon partially verified by iaea within 6 months;\n    lift all;\n    provide hfo;\n  }\n  expect unacceptable;\n}\n"}}}Content-Length: 162

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 5, "character": 12}}}Content-Length: 167

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/definition", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 5, "character": 12}}}Content-Length: 208

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/references", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 5, "character": 12}, "context": {"includeDeclaration": true}}}Content-Length: 65

{"jsonrpc": "2.0", "id": 5, "method": "shutdown", "params": null}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}