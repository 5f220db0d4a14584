"""The leader's own part (issue 24), scored and sorted: items of anchored questions (a
stool's legs, a self-check's sides) rated 1-5, each item's score and the one to work on
(`rubric`); the trust stool from the leader's or the team's answers; the self-check of
being worthy of trust; the frame set above the leader sorted into challenge, shape and
live with."""
