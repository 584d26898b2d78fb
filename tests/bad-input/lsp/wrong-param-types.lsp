# requests and notifications whose params have the wrong types: -32602, the server goes on
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","languageId":"terms","version":1,"text":"party dprk \"DPRK\";\nprogram arms of dprk kind nuclear \"Arms\";\nfacility yongbyon in arms \"Yongbyon\";\n\nagreement deal \"A deal\" {\n  freeze yongbyon;\n}\n"}}}
frame {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":"0","character":0}}}
frame {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"}}}
frame {"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":5},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":[]}
frame {"jsonrpc":"2.0","id":6,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":-1,"character":0}}}
frame {"jsonrpc":"2.0","id":7,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":1.5,"character":0}}}
frame {"jsonrpc":"2.0","id":8,"method":"textDocument/documentSymbol","params":{"textDocument":null}}
frame {"jsonrpc":"2.0","id":9,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"options":"two spaces"}}
frame {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","version":"one","text":5}}}
frame {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"contentChanges":"all"}}
frame {"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{"x":1}}}
frame {"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":5,"character":10}}}
frame {"jsonrpc":"2.0","id":11,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"}}}
frame {"jsonrpc":"2.0","id":12,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"options":{"tabSize":"2","insertSpaces":true}}}
frame {"jsonrpc":"2.0","id":13,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"range":{"start":{"line":0,"character":0},"end":[0,0]},"context":{"diagnostics":[]}}}
frame {"jsonrpc":"2.0","id":14,"method":"textDocument/references","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":5,"character":10},"context":{"includeDeclaration":"yes"}}}
frame {"jsonrpc":"2.0","id":15,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"options":{"tabSize":2,"insertSpaces":true}}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
