"""The employee's or team's own view beside the leader's: read its answers files
(`read`), combine a team's (`combine`: the middle answer and how far apart, never one
person's), and compare it with the leader's answers area by area (`compare`)."""
