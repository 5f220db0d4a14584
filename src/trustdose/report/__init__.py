"""Reports for people: what a report says (`model`), drawn by one renderer per format
(`rich`, `text`, `markdown`), and the one output layer every format goes through
(`formats`)."""
