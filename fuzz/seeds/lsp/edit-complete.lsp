Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 490

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/main.terms", "languageId": "terms", "version": 1, "text": "import \"lib.terms\";\n\n// A step-by-step deal.\nagreement deal \"Deal\" {\n  step 1 \"Freeze\" {\n    freeze yongbyon verified by iaea;\n    suspend s1;\n  }\n  step 2 \"Dismantle\" after 1 {\n    dismantle yongbyon partially verified by iaea within 6 months;\n    lift all;\n    provide hfo;\n  }\n  expect unacceptable;\n}\n"}}}Content-Length: 257

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/main.terms", "version": 2}, "contentChanges": [{"range": {"start": {"line": 5, "character": 11}, "end": {"line": 5, "character": 19}}, "text": "yongbyo"}]}}Content-Length: 167

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 5, "character": 14}}}Content-Length: 257

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/main.terms", "version": 2}, "contentChanges": [{"range": {"start": {"line": 10, "character": 4}, "end": {"line": 10, "character": 13}}, "text": "retain"}]}}Content-Length: 167

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 10, "character": 9}}}