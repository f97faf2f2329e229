/*
 * cmd_version.c - capex version, capex --version
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "version.h"

int cmd_version(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
        return usage_print("version");
    if (argc > 1)
        return usage_error("version");
    printf("capex %s\n", CAPEX_VERSION);
    return 0;
}
