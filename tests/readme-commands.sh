# readme-commands.sh: readme_commands, sourced by the tests of contrib/
# that run the commands README.md shows as written (tests/cacti/cacti.sh,
# tests/collectd/collectd.sh), so that README keeps the only copy of them
# and a step a user would type cannot go stale unnoticed.

# readme_commands SECTION [N]: the Nth (first by default) ```sh block of
# README.md's "### SECTION" section, line for line.
readme_commands() {
    awk -v head="### $1" -v n="${2:-1}" '
        $0 == head { insec = 1; next }
        insec && /^##/ { exit }
        insec && $0 == "```sh" && ++k == n { inb = 1; next }
        inb && /^```$/ { exit }
        inb { print }' "$abs_srcdir/README.md"
}
