"""Many cases at once: the row loop (`rows`), worker processes for large files
(`parallel`), the run that chooses between them (`run`), the journal's history for a run
(`history`), the row formats (`writers`) and the summary (`summary`). Nothing here talks
to a terminal: the command line draws the table and says the messages."""
