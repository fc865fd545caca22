"""The analyses: pure functions over a record (distance, compromise, changes, the
forecast), returning plain values; nothing here prints or knows of a command line."""
