// With units-b.c, two DWARF 5 units in one module (build.sh): the second unit's string and
// address indexes count from its own DW_AT_str_offsets_base and DW_AT_addr_base, not the first's.
int alpha_counter = 1;
int first_value(void) { return alpha_counter; }
