"""The exit codes of every trustdose command and what each means (shown at the end of
every command's --help, in the user's language)."""

from __future__ import annotations

from ..i18n import N_

EXIT_OK = 0
EXIT_FINDINGS = 1  # the command ran and found problems (rules check, failing rule tests)
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug in trustdose, not in the input (sysexits EX_SOFTWARE)
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # the reader of standard output went away (128 + SIGPIPE), as a shell says
EXIT_TERMINATED = 143  # stopped by SIGTERM (128 + SIGTERM), as a shell says

# What each exit code means, for the end of every command's --help; a command's own
# meanings (by its path) replace or add to the common ones.
EXIT_MEANINGS = {EXIT_OK: N_("done"),
                 EXIT_USAGE: N_("bad input or usage (what and where on stderr, with a hint)"),
                 EXIT_INTERNAL: N_("internal error (a bug in trustdose)"),
                 EXIT_INTERRUPTED: N_("interrupted"),
                 EXIT_BROKEN_PIPE: N_("output closed early (as by | head)"),
                 EXIT_TERMINATED: N_("stopped by SIGTERM")}
COMMAND_EXITS = {
    "trustdose batch": {EXIT_OK: N_("every row assessed"),
                        EXIT_FINDINGS: N_("some rows rejected (the others were assessed)"),
                        EXIT_USAGE: N_("the command could not run (unreadable input, broken "
                                       "rules)")},
    "trustdose review": {EXIT_OK: N_("recorded"),
                         EXIT_USAGE: N_("bad input or usage (nothing is recorded then)")},
    "trustdose rules check": {EXIT_OK: N_("sound"),
                              EXIT_FINDINGS: N_("findings (each with its rule, file:line and a "
                                                "witness case)"),
                              EXIT_USAGE: N_("the rules could not be loaded")},
    "trustdose rules test": {EXIT_OK: N_("all passed (and coverage reached)"),
                             EXIT_FINDINGS: N_("a test failed or coverage is below "
                                               "--min-coverage"),
                             EXIT_USAGE: N_("the rules or a test file could not be loaded")},
}
