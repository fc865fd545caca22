"""The brief: one self-contained HTML page of a record, for people who read pages.

`page` gathers what the page shows from the same core results the other commands use,
`svg` holds the geometry of its pictures; `posdiff.render.html` turns it into HTML.
"""
