# positions past the end of a line, of the document, and huge: a line or
# character over 2147483647 (LSP `uinteger`) is out of range (-32602); up to it,
# a position past the end is no error
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","languageId":"terms","version":1,"text":"party dprk \"DPRK\";\nprogram arms of dprk kind nuclear \"Arms\";\nfacility yongbyon in arms \"Yongbyon\";\n\nagreement deal \"A deal\" {\n  freeze yongbyon;\n}\n"}}}
frame {"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":5,"character":1000}}}
frame {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":1000,"character":0}}}
frame {"jsonrpc":"2.0","id":4,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":4294967295,"character":4294967295}}}
frame {"jsonrpc":"2.0","id":5,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":7,"character":0}}}
frame {"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":99999999999,"character":0}}}
frame {"jsonrpc":"2.0","id":7,"method":"textDocument/references","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":100,"character":100},"context":{"includeDeclaration":false}}}
frame {"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":5,"character":10}}}
frame {"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":2147483647,"character":2147483647}}}
frame {"jsonrpc":"2.0","id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":0,"character":99999999999999999999999}}}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
