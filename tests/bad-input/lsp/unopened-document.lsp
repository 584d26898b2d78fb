# requests on a document that is not open (and not on disk)
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":3,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":4,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":5,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"}}}
frame {"jsonrpc":"2.0","id":6,"method":"textDocument/formatting","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"options":{"tabSize":2,"insertSpaces":true}}}
frame {"jsonrpc":"2.0","id":7,"method":"textDocument/references","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":0},"context":{"includeDeclaration":true}}}
frame {"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","version":2},"contentChanges":[{"text":"x"}]}}
frame {"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"}}}
frame {"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"not a uri"},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"http://example.org/x.terms"},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
