-- Headless Neovim 0.7 end-to-end test of `terms lsp` (run by run-nvim.sh).
-- Opens a term file with a misspelt name, then checks what the built-in LSP
-- client received: the diagnostic, a hover, a formatting edit, the
-- diagnostics clearing after an incremental edit, and a clean shutdown.
-- Output: one line per check on stdout (io.stdout:write), and `PASS e2e`.
local terms = os.getenv('TERMS_BINARY')
local expected_path = os.getenv('TERMS_E2E_EXPECTED')

local function out(line) io.stdout:write(line .. '\n') end

local function fail(message)
  out('FAIL ' .. message)
  vim.cmd('cquit 1')
end

local function check(cond, message, detail)
  if not cond then fail(message .. (detail and (': ' .. vim.inspect(detail)) or '')) end
  out('ok   ' .. message)
end

local function read_file(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local path = vim.api.nvim_buf_get_name(buf)
  local root = vim.fn.fnamemodify(path, ':h:h')
  local exit_code = nil
  local client_id = vim.lsp.start_client({
    name = 'terms',
    cmd = { terms, 'lsp' },
    root_dir = root,
    on_exit = function(code) exit_code = code end,
  })
  check(client_id ~= nil, 'the client started `terms lsp`')
  vim.lsp.buf_attach_client(buf, client_id)
  local ready = vim.wait(20000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized
  end, 20)
  check(ready, 'the server initialized')
  local client = vim.lsp.get_client_by_id(client_id)
  check(client.server_capabilities.hoverProvider == true, 'the server offers hover')

  -- 1. The diagnostic for the mistake.
  local got = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  check(got, 'diagnostics arrived')
  local diags = vim.diagnostic.get(buf)
  check(#diags == 1, 'exactly one diagnostic', diags)
  local d = diags[1]
  check(d.message == 'undefined name `yongbyn`\nhelp: did you mean `yongbyon`?', 'its message', d.message)
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  check(line == '    freeze yongbyn verified by iaea;', 'on the line of the mistake', line)
  check(d.col == 11 and d.end_col == 18, 'under the misspelt name', { d.col, d.end_col })
  check(d.severity == vim.diagnostic.severity.ERROR, 'as an error', d.severity)
  check(d.source == 'terms' and d.code == 'E0204', 'with source and code', { d.source, d.code })
  out('diagnostic ' .. (d.lnum + 1) .. ':' .. (d.col + 1) .. ' ' .. d.code .. ' ' .. d.message:gsub('\n', ' | '))

  -- 2. A hover on `iaea` in that clause.
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, 32 })
  local params = vim.lsp.util.make_position_params()
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  local hover = responses and responses[client_id] and responses[client_id].result
  check(hover ~= nil, 'a hover came back')
  local value = hover.contents.value
  check(value:find('**verifier** `iaea`', 1, true) ~= nil, 'the hover says what `iaea` is', value)
  check(value:find('Declared in `../lib/korea.terms`', 1, true) ~= nil, 'and where it is declared', value)
  out('hover ' .. value:gsub('\n', ' | '))

  -- 3. Formatting: the badly laid out clause is fixed in the buffer.
  vim.lsp.buf.formatting_sync(nil, 10000)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local formatted = table.concat(lines, '\n') .. '\n'
  check(formatted:find('\n    provide hfo;\n', 1, true) ~= nil, 'formatting rewrote `provide   hfo ;`')

  -- 4. Fix the typo (an incremental change): the diagnostic goes away.
  local row = nil
  for i, l in ipairs(lines) do
    if l:find('freeze yongbyn', 1, true) then row = i - 1 end
  end
  check(row ~= nil, 'the misspelt clause is still there after formatting')
  local col = lines[row + 1]:find('yongbyn', 1, true) - 1 + 6  -- before the last `n`
  vim.api.nvim_buf_set_text(buf, row, col, row, col, { 'o' })
  local cleared = vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  check(cleared, 'the diagnostic cleared after the fix', vim.diagnostic.get(buf))
  lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  check(table.concat(lines, '\n') .. '\n' == read_file(expected_path), 'the buffer is what `terms fmt` writes')

  -- 5. Shutdown and exit: the server exits with status 0.
  vim.lsp.stop_client(client_id)
  local exited = vim.wait(10000, function() return exit_code ~= nil end, 20)
  check(exited and exit_code == 0, 'the server exited with status 0', exit_code)
  out('PASS e2e')
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then fail('error: ' .. tostring(err)) end
  end,
})
