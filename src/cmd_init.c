/*
 * cmd_init.c - capex init NAME: a commented starter model that runs as it
 * is (templates.c), or with --from a model of a table's rows (init_from.c),
 * written atomically; an existing file is kept unless --force.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "init_from.h"
#include "outfile.h"
#include "reader.h"
#include "templates.h"

struct init_options {
    const char *name, *template_name, *output;
    const char *from, *sheet, *range;    /* --from TABLE [--sheet S --range R] */
    int force, quiet;
};

/* The template's text with @NAME@ and @DATE@ replaced, to f. */
static int _expand(FILE *f, const char *text, const char *name, const char *date)
{
    for (const char *p = text; *p;) {
        if (!strncmp(p, "@NAME@", 6)) {
            fputs(name, f);
            p += 6;
        } else if (!strncmp(p, "@DATE@", 6)) {
            fputs(date, f);
            p += 6;
        } else {
            fputc(*p++, f);
        }
    }
    return ferror(f) ? EX_IOERR : 0;
}

typedef struct _template_text {
    const char *text, *name, *date;
} _template_text;

static int _fill(FILE *f, const void *ctx)
{
    const _template_text *t = ctx;
    return _expand(f, t->text, t->name, t->date);
}

static void _today(char *date, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    strftime(date, size, "%Y-%m-%d", gmtime_r(&now, &tm));
}

static int _write(const struct init_options *o, const model_template *tpl, const char *path)
{
    if (!o->force && access(path, F_OK) == 0) {
        diag_error("'%s' already exists (give --force to replace it, or -o another file)",
                   path);
        return EX_CANTCREAT;
    }
    char date[16];
    _today(date, sizeof date);
    if (o->from) {
        tbl_options t = {.sheet = o->sheet, .range = o->range};
        return init_from(o->name, o->from, &t, date, path);
    }
    _template_text t = {.text = tpl->text, .name = o->name, .date = date};
    return outfile_write_text(path, _fill, &t);
}

/* --sheet and --range go with a workbook given to --from. */
static int _from_options(const struct init_options *o)
{
    tbl_range r;
    if ((o->sheet || o->range) && !(o->from && tbl_is_workbook(o->from))) {
        diag_error("init: --sheet and --range are for an .xlsx workbook given to --from");
        return EX_USAGE;
    }
    if (o->range && tbl_parse_range(o->range, &r)) {
        diag_error("init: expected a range like B3:H12 for --range, got '%s'", o->range);
        return EX_USAGE;
    }
    return CMD_CONTINUE;
}

static int _options(int argc, char **argv, struct init_options *o)
{
    static const struct option longopts[] = {
        {"force", no_argument, NULL, 'F'},
        {"from", required_argument, NULL, 'f'},
        {"range", required_argument, NULL, 'r'},
        {"sheet", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"template", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:qt:", longopts, NULL)) != -1) {
        switch (c) {
        case 'F': o->force = 1; break;
        case 'f': o->from = optarg; break;
        case 'r': o->range = optarg; break;
        case 's': o->sheet = optarg; break;
        case 'h': return usage_print("init");
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case 't': o->template_name = optarg; break;
        default: return usage_error("init");
        }
    }
    if (argc - optind != 1) {
        diag_error("init: expected one model name, got %d operands", argc - optind);
        return usage_error("init");
    }
    o->name = argv[optind];
    return _from_options(o);
}

int cmd_init(int argc, char **argv)
{
    struct init_options o = {.template_name = "burn"};
    int rc = _options(argc, argv, &o);
    if (rc != CMD_CONTINUE)
        return rc;
    const model_template *t = model_template_find(o.template_name);
    if (!t) {
        diag_error("init: no template '%s' (expected burn, capex or market)",
                   o.template_name);
        return EX_USAGE;
    }
    if (!reader_is_identifier(o.name, strlen(o.name)) || strlen(o.name) > READER_MAX_NAME) {
        diag_error("init: '%s' cannot name a model (letters, digits, '-', '_' and '.', "
                   "starting with a letter or digit)", o.name);
        return EX_USAGE;
    }
    char path[READER_MAX_NAME + 8];
    snprintf(path, sizeof path, "%s.yaml", o.name);
    const char *out = o.output ? o.output : path;
    if ((rc = _write(&o, t, out)))
        return rc;
    if (!o.quiet && o.from)
        printf("wrote %s (the rows of %s as series)\nnext: capex run %s\n", out, o.from,
               out);
    else if (!o.quiet)
        printf("wrote %s (template '%s': %s)\nnext: capex run %s%s\n", out, t->name,
               t->summary, out, t->run_options);
    return 0;
}
