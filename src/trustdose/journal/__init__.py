"""The journal of saved assessments: its schema and safe opening (`schema`), saving and
reading (`store`), and reviewing how a delegation went (`review`)."""
