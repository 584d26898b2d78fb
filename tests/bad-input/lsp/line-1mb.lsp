# a document of one 1 MB line: open, hover and complete at its end, list its symbols
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
body
"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///bad-input/deal.terms\",\"languageId\":\"terms\",\"version\":1,\"text\":\"party "
1048576 * "a"
" \\\"A\\\"; "
20000 * "facility "
"\"}}}"
end
frame {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":500000}}}
frame {"jsonrpc":"2.0","id":3,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":1048590}}}
frame {"jsonrpc":"2.0","id":4,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"}}}
frame {"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":3}}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
