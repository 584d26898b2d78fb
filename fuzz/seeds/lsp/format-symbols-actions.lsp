Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}Content-Length: 57

{"jsonrpc": "2.0", "method": "initialized", "params": {}}Content-Length: 520

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/main.terms", "languageId": "terms", "version": 1, "text": "import \"lib.terms\";\n\n// A step-by-step deal.\nagreement deal \"Deal\" {\n    step 1 \"Freeze\" {\n        freeze yongbyon verified by iaea;\n        suspend s1;\n    }\n    step 2 \"Dismantle\" after 1 {\n        dismantle yongbyon partially verified by iaea within 6 months;\n        lift all;\n        provide hfo;\n    }\n    expect unacceptable;\n}\n"}}}Content-Length: 174

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/formatting", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "options": {"tabSize": 2, "insertSpaces": true}}}Content-Length: 129

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///w/main.terms"}}}Content-Length: 242

{"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/main.terms"}, "range": {"start": {"line": 5, "character": 0}, "end": {"line": 6, "character": 0}}, "context": {"diagnostics": []}}}