Content-Length: 10

{"jsonrpc"Content-Length: 2

{}Content-Length: 170

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": null, "rootUri": "file:///w", "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}