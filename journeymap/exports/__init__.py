"""Exports of the analysed journey: the stable JSON document (json), a Markdown summary (markdown)
and a Mermaid ``journey`` diagram (mermaid).
"""
