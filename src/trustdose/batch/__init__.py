"""Many cases at once: the run (`run`), worker processes for large files (`parallel`), and
the row formats and summary (`writers`)."""
