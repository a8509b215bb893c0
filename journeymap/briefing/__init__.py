"""The briefing: the template context from the analysis (context), the HTML document through Jinja
(document), and the PDF through WeasyPrint (pdf, the only module that imports it).
"""
