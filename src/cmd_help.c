/*
 * cmd_help.c - capex help [COMMAND]
 */
#include <stddef.h>

#include "commands.h"

int cmd_help(int argc, char **argv)
{
    if (argc > 2)
        return usage_error("help");
    return usage_print(argc == 2 ? argv[1] : NULL);
}
