/*
 * commands.h - the subcommands of capex, one source file each.
 *
 * Adding a subcommand:
 *   1. write src/cmd_<name>.c defining `int cmd_<name>(int argc, char **argv)`
 *      (argv[0] is the subcommand name; return a sysexits code);
 *   2. declare it below and add a row to the table in src/main.c;
 *   3. add its usage text to src/usage.c (it feeds --help and `capex help`);
 *   4. document it in docs/capex.1 and README.md;
 *   5. test it in tests/e2e/.
 */
#ifndef CAPEX_COMMANDS_H
#define CAPEX_COMMANDS_H

int cmd_run(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_mc(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);

/** What an option parser returns when the command should go on (any other
 *  value is the exit status to return at once: 0 after --help, EX_USAGE). */
#define CMD_CONTINUE (-1)

/** Print the usage text of a subcommand (or the overview for NULL) to
 *  stdout. Returns 0, or EX_USAGE for an unknown name. */
int usage_print(const char *command);

/** Print "usage: ..." for a subcommand to stderr and return EX_USAGE. */
int usage_error(const char *command);

/** After option parsing: exactly one operand, the model file, into *model.
 *  Returns CMD_CONTINUE when there is one, else says what is wrong and returns
 *  EX_USAGE. */
int usage_one_model(int argc, char **argv, int optind_, const char *command,
                    const char **model);

#endif
