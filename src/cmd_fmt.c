/*
 * cmd_fmt.c - capex fmt MODEL: the model file in canonical layout
 * (write_yaml.h), on stdout, or rewritten in place with --write, or only
 * checked with --check (exit 1 when it would change).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "commands.h"
#include "diag.h"
#include "outfile.h"
#include "read_model.h"
#include "reader.h"
#include "write_yaml.h"
#include "yaml_tree.h"

struct fmt_options {
    const char *model;
    int write, check, force;
};

/* The canonical text of the model file into *out (a malloc'd string). */
static int _format(const char *path, char **out, size_t *outlen, size_t *dropped)
{
    cx_model *m;
    int rc = read_model(path, &m);            /* only valid models are formatted */
    if (rc)
        return rc;
    cx_model_free(m);
    char *buf;
    size_t len;
    if ((rc = reader_slurp(path, &buf, &len)))
        return rc;
    size_t bom = reader_bom(buf, len);
    yt_node *root = NULL;
    yt_error err;
    if (yt_parse(buf + bom, len - bom, &root, &err) != YT_OK || !root) {
        free(buf);
        return diag_at(path, err.line, err.col, "%s", err.message), EX_DATAERR;
    }
    FILE *mem = open_memstream(out, outlen);
    rc = mem ? write_yaml(mem, root, buf + bom, len - bom, dropped) : EX_OSERR;
    if (mem && fclose(mem) && !rc)
        rc = EX_OSERR;
    yt_free(root);
    free(buf);
    return rc;
}

static int _unchanged(const char *path, const char *text, size_t len)
{
    char *buf;
    size_t n;
    if (reader_slurp(path, &buf, &n))
        return 0;
    int same = n == len && !memcmp(buf, text, len);
    free(buf);
    return same;
}

typedef struct _text {
    const char *s;
    size_t len;
} _text;

static int _fill(FILE *f, const void *ctx)
{
    const _text *t = ctx;
    return fwrite(t->s, 1, t->len, f) != t->len;
}

static int _write(const char *path, const char *text, size_t len)
{
    _text t = {.s = text, .len = len};
    return outfile_write_text(path, _fill, &t);
}

static int _fmt(const struct fmt_options *o)
{
    char *text = NULL;
    size_t len = 0, dropped = 0;
    int rc = _format(o->model, &text, &len, &dropped);
    if (rc) {
        free(text);
        return rc;
    }
    int same = _unchanged(o->model, text, len);
    if (o->check) {
        if (!same)
            printf("%s\n", o->model);
        rc = same ? 0 : 1;
    } else if (!o->write) {
        rc = fwrite(text, 1, len, stdout) == len ? 0 : EX_IOERR;
    } else if (dropped && !o->force) {
        diag_error("fmt: '%s' has %zu comment line%s that fmt cannot keep (inside a "
                   "section or at the end of a line); see 'capex fmt %s', then give "
                   "--force to write it", o->model, dropped, dropped == 1 ? "" : "s",
                   o->model);
        rc = EX_DATAERR;
    } else if (!same) {
        rc = _write(o->model, text, len);
    }
    if (!o->check && !o->write && dropped)
        diag_warn("fmt: %zu comment line%s of '%s' dropped (only the comments at the top "
                  "and above each top-level key are kept)", dropped,
                  dropped == 1 ? "" : "s", o->model);
    free(text);
    return rc;
}

int cmd_fmt(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"check", no_argument, NULL, 'c'},
        {"force", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},
        {"write", no_argument, NULL, 'w'},
        {NULL, 0, NULL, 0},
    };
    struct fmt_options o = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hw", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': o.check = 1; break;
        case 'F': o.force = 1; break;
        case 'h': return usage_print("fmt");
        case 'w': o.write = 1; break;
        default: return usage_error("fmt");
        }
    }
    if (argc - optind != 1 || (o.check && o.write)) {
        diag_error(o.check && o.write ? "fmt: --check or --write, not both"
                                      : "fmt: expected one model file");
        return usage_error("fmt");
    }
    o.model = argv[optind];
    return _fmt(&o);
}
