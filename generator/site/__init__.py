"""The published requirements site: catalog -> generated Markdown pages -> MkDocs Material (strict)."""
