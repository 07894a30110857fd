-- Drives Neovim's built-in LSP client (vim.lsp, Neovim 0.7) against Transport Lint's server, headless: opens a PHP
-- file and a .env, reads their diagnostics, asks for code actions and applies the preferred one, hovers, and runs
-- the Test connection command. Writes what it saw as JSON to $TL_OUT, then quits. Run by neovim.test.ts.
local out = assert(os.getenv('TL_OUT'))
local root = assert(os.getenv('TL_ROOT'))
local seen = { steps = {} }

local function finish(err)
  seen.error = err
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(seen))
  f:close()
  vim.cmd('qa!')
end

local function diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {
      code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
    })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, 10000)
  for _, r in pairs(responses or {}) do
    if r.error then error(method .. ': ' .. vim.inspect(r.error)) end
    return r.result
  end
  error(method .. ': no answer')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'transport-lint',
    cmd = { os.getenv('TL_NODE') or 'node', os.getenv('TL_SERVER'), '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
  })
  assert(client_id, 'the client did not start')

  -- Opens a file, attaches the client, and waits for the server's diagnostics.
  local function open(rel, name)
    vim.cmd('edit ' .. root .. '/' .. rel)
    local buf = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(buf, client_id)
    vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
    seen[name] = diagnostics(buf)
    table.insert(seen.steps, name .. ' diagnostics')
    return buf
  end
  local php = open('src/socket.php', 'php')
  open('.env', 'env')

  -- Hover on the URL of the PHP file.
  vim.cmd('buffer ' .. php)
  local first = vim.diagnostic.get(php)[1]
  local hover = request(php, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(php) },
    position = { line = first.lnum, character = first.col + 2 },
  })
  seen.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL
  table.insert(seen.steps, 'hover')

  -- Code actions for that diagnostic; the preferred quick fix is applied to the buffer.
  -- As vim.lsp.buf.code_action() asks in Neovim 0.7: the line's diagnostics, back in LSP form.
  local line = vim.lsp.diagnostic.get_line_diagnostics(php, first.lnum)
  local actions = request(php, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(php) },
    range = line[1].range,
    context = { diagnostics = line },
  })
  seen.actions = {}
  local chosen
  for _, a in ipairs(actions or {}) do
    table.insert(seen.actions, { title = a.title, kind = a.kind, isPreferred = a.isPreferred or false })
    if a.isPreferred and a.edit and not chosen then chosen = a end
  end
  assert(chosen, 'no preferred code action with an edit')
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  seen.applied = chosen.title
  seen.after = vim.api.nvim_buf_get_lines(php, 0, -1, false)
  -- The edit goes to the server as didChange; its diagnostics follow.
  vim.wait(15000, function() return #vim.diagnostic.get(php) == 0 end, 20)
  seen.php_after = diagnostics(php)
  table.insert(seen.steps, 'code action')

  -- Test connection as a command (the client did not say the workspace is trusted: it is refused).
  seen.command = request(php, 'workspace/executeCommand', {
    command = 'transportLint.server.testConnection',
    arguments = { { target = 'tcp://127.0.0.1:9' } },
  })
  table.insert(seen.steps, 'command')
end)
finish(ok and vim.NIL or tostring(err))
