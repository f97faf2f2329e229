/*
 * cmd_help.c - capex help [COMMAND]
 */
#include <stddef.h>
#include <string.h>

#include "commands.h"

static int _is_help(const char *arg)
{
    return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int cmd_help(int argc, char **argv)
{
    if (argc > 2)
        return usage_error("help");
    if (argc == 2 && _is_help(argv[1]))
        return usage_print("help");
    return usage_print(argc == 2 ? argv[1] : NULL);
}
