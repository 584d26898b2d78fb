# messages with a wrong jsonrpc, id or method
frame {"jsonrpc": "1.0", "id": 0, "method": "initialize", "params": {}}
frame {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}
frame {"jsonrpc":"2.0","method":"initialized","params":{}}
frame {"id": 2, "method": "shutdown"}
frame {"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}
frame {"jsonrpc": "2.0", "id": 3.5, "method": "shutdown"}
frame {"jsonrpc": "2.0", "id": 4}
frame {"jsonrpc": "2.0", "id": 5, "method": 7}
frame {"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": "x"}
frame {"jsonrpc":"2.0","id":99,"method":"shutdown"}
frame {"jsonrpc":"2.0","method":"exit"}
