"""The console's column store: every event as a row of numpy arrays and interned codes, no Qt.

`layout` says what a row holds, `interning` turns repeated strings into small codes,
`summary` keeps the free text in one UTF-8 buffer that `text_order` sorts with numpy, and
`store` puts them together as `EventColumns`, which the Qt models, filters, charts and exports
read.
"""
