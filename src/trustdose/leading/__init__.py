"""The leader's own instruments, scored: items of anchored questions (a stool's legs, a
self-check's sides) rated 1-5, each item's score, and the one to work on."""
