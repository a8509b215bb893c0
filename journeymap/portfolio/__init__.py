"""The portfolio (SPEC 6): many journeys rolled up into one company-wide view.

rollup = the numbers (pure functions over checked journeys); document = JSON and Markdown;
pages = the self-contained HTML page and the PDF.
"""
