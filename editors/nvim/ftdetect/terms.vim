" Term files of negotiated agreements.
autocmd BufRead,BufNewFile *.terms setfiletype terms
