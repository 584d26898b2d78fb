# unknown requests get -32601; unknown notifications (and $/ ones) are ignored
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","id":2,"method":"terms/doesNotExist","params":{}}
frame {"jsonrpc":"2.0","method":"terms/doesNotExist","params":{}}
frame {"jsonrpc":"2.0","method":"$/unknownNotification","params":{}}
frame {"jsonrpc":"2.0","id":3,"method":"$/unknownRequest","params":{}}
frame {"jsonrpc":"2.0","id":4,"method":"","params":{}}
frame {"jsonrpc":"2.0","id":5,"method":"textDocument/hover ","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":0}}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
