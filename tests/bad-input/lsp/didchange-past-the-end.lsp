# didChange with ranges past the end, reversed, and an older version; the document stays usable
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","languageId":"terms","version":1,"text":"party dprk \"DPRK\";\nprogram arms of dprk kind nuclear \"Arms\";\nfacility yongbyon in arms \"Yongbyon\";\n\nagreement deal \"A deal\" {\n  freeze yongbyon;\n}\n"}}}
frame {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","version":2},"contentChanges":[{"range":{"start":{"line":50,"character":0},"end":{"line":60,"character":5}},"text":"party x \"X\";\n"}]}}
frame {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","version":3},"contentChanges":[{"range":{"start":{"line":5,"character":9},"end":{"line":2,"character":0}},"text":""}]}}
frame {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","version":4},"contentChanges":[{"range":{"start":{"line":0,"character":1000},"end":{"line":0,"character":2000}},"text":"!"}]}}
frame {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","version":1},"contentChanges":[{"text":"party old \"Old\";\n"}]}}
frame {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":5,"character":10}}}
frame {"jsonrpc":"2.0","id":3,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"}}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
