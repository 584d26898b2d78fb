# requests after shutdown get -32600; exit then ends the server with status 0
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bad-input/deal.terms","languageId":"terms","version":1,"text":"party dprk \"DPRK\";\nprogram arms of dprk kind nuclear \"Arms\";\nfacility yongbyon in arms \"Yongbyon\";\n\nagreement deal \"A deal\" {\n  freeze yongbyon;\n}\n"}}}
frame {"jsonrpc":"2.0","id":2,"method":"shutdown"}
frame {"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///bad-input/deal.terms"},"position":{"line":5,"character":10}}}
frame {"jsonrpc":"2.0","id":4,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
