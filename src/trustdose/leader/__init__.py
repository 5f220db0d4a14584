"""The leader's own part (issue 24): the self-check of being worthy of trust, and the
frame set above the leader sorted into challenge, shape and live with."""
