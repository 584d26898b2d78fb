Content-Length: 163

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 99, "character": 99}}}Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}Content-Length: 73

{"jsonrpc": "2.0", "id": 2, "method": "nonexistent/method", "params": {}}Content-Length: 165

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/unopened.terms"}, "position": {"line": 0, "character": 0}}}Content-Length: 490

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/main.terms", "languageId": "terms", "version": 1, "text": "import \"lib.terms\";\n\n// A step-by-step deal.\nagreement deal \"Deal\" {\n  step 1 \"Freeze\" {\n    freeze yongbyon verified by iaea;\n    suspend s1;\n  }\n  step 2 \"Dismantle\" after 1 {\n    dismantle yongbyon partially verified by iaea within 6 months;\n    lift all;\n    provide hfo;\n  }\n  expect unacceptable;\n}\n"}}}Content-Length: 164

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "position": {"line": 1000, "character": 5}}}Content-Length: 68

{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 4}}