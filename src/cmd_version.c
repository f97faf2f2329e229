/*
 * cmd_version.c - capex version, capex --version
 */
#include <stdio.h>

#include "commands.h"
#include "version.h"

int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("capex %s\n", CAPEX_VERSION);
    return 0;
}
