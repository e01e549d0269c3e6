"""The language server (``checker lsp``): diagnostics, code actions and hover for editors."""
