"""``journeymap diff``: compare two versions (compare), report the change as text, Markdown or JSON
(report), read a version from git (gitread), and mark the change on a map (mapmarks).
"""
