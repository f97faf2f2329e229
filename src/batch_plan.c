/*
 * batch_plan.c - the runs of a batch (batch_plan.h).
 */
#include "batch_plan.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "csv_rows.h"
#include "diag.h"
#include "reader.h"

static char *_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* A new run at the end of p (zeroed, numbered); NULL when out of memory. */
static batch_run *_add(batch_plan *p)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        batch_run *r = realloc(p->runs, cap * sizeof *r);
        if (!r)
            return NULL;
        p->runs = r;
        p->cap = cap;
    }
    batch_run *r = &p->runs[p->n++];
    memset(r, 0, sizeof *r);
    r->run = p->n;
    return r;
}

/* ---- model files and folders ------------------------------------------ */

static int _is_model(const char *file)
{
    size_t n = strlen(file);
    return file[0] != '.' &&
           ((n > 5 && !strcmp(file + n - 5, ".yaml")) ||
            (n > 4 && !strcmp(file + n - 4, ".yml")));
}

/* NAME of a model file from its path below the folder given (or its base
 * name): without .yaml/.yml, '/' as '-', "-SCENARIO" when one other than
 * base and all is asked for. */
static char *_name_of(const char *rel, const char *scenario)
{
    size_t n = strlen(rel);
    if (n > 5 && !strcmp(rel + n - 5, ".yaml"))
        n -= 5;
    else if (n > 4 && !strcmp(rel + n - 4, ".yml"))
        n -= 4;
    int with = scenario && strcmp(scenario, "base") && strcmp(scenario, "all");
    size_t size = n + (with ? strlen(scenario) + 1 : 0) + 1;
    char *name = malloc(size);
    if (!name)
        return NULL;
    snprintf(name, size, "%.*s%s%s", (int)n, rel, with ? "-" : "", with ? scenario : "");
    for (char *c = name; *c; c++)
        if (*c == '/')
            *c = '-';
    return name;
}

static const char *_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A run of the model at path, its NAME from rel. */
static int _add_file(batch_plan *p, const char *path, const char *rel, const char *scenario)
{
    batch_run *r = _add(p);
    if (!r)
        return diag_oom();
    r->model = _dup(path);
    r->path = batch_path_normal(path);
    r->scenario = _dup(scenario);
    r->name = _name_of(rel, scenario);
    r->row = _dup("");
    if (!r->model || !r->path || !r->name || !r->row || (scenario && !r->scenario))
        return diag_oom();
    if (!batch_name_ok(r->name)) {
        diag_error("'%s': '%s' cannot name a workbook (letters, digits, space, '-', "
                   "'_' and '.'; not starting with '.', not 'index'): rename the file or "
                   "use a manifest with an 'output' column", path, r->name);
        return EX_USAGE;
    }
    return 0;
}

static int _cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct _files {
    char **v;
    size_t n, cap;
} _files;

static int _push(_files *f, const char *rel)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        char **v = realloc(f->v, cap * sizeof *v);
        if (!v)
            return diag_oom();
        f->v = v;
        f->cap = cap;
    }
    if (!(f->v[f->n] = strdup(rel)))
        return diag_oom();
    f->n++;
    return 0;
}

static char *_join(const char *dir, const char *file)
{
    size_t dl = strlen(dir);
    int slash = !dl || dir[dl - 1] == '/';
    size_t size = dl + 1 + strlen(file) + 1;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s%s%s", dir, slash ? "" : "/", file);
    return path;
}

static int _list(const char *root, const char *rel, int recursive, _files *f);

/* One entry of a folder: a model file (or what claims to be one: a
 * dangling link is a run that fails), or a subfolder to descend into. */
static int _entry(const char *root, const char *rel, int recursive, _files *f)
{
    char *path = _join(root, rel);
    if (!path)
        return diag_oom();
    struct stat ls, st;
    int rc = 0;
    int is_dir = lstat(path, &ls) == 0 && S_ISDIR(ls.st_mode);
    if (is_dir && recursive)
        rc = _list(root, rel, recursive, f);
    else if (!is_dir && _is_model(_base(rel)) && !(stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        rc = _push(f, rel);
    free(path);
    return rc;
}

/* The model files in root/rel (rel "" for root itself), by their paths
 * below root; in its subfolders too when recursive (not hidden ones, not
 * through links). */
static int _list(const char *root, const char *rel, int recursive, _files *f)
{
    char *dir = *rel ? _join(root, rel) : strdup(root);
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        int rc = dir ? (diag_error("cannot open '%s': %s", dir, strerror(errno)), EX_NOINPUT)
                     : diag_oom();
        free(dir);
        return rc;
    }
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *sub = *rel ? _join(rel, e->d_name) : strdup(e->d_name);
        rc = sub ? _entry(root, sub, recursive, f) : diag_oom();
        free(sub);
    }
    closedir(d);
    free(dir);
    return rc;
}

static int _add_folder(batch_plan *p, const char *dir, const char *scenario, int recursive)
{
    _files f = {0};
    int rc = _list(dir, "", recursive, &f);
    if (!rc && f.n)             /* qsort's array may not be NULL, even empty */
        qsort(f.v, f.n, sizeof *f.v, _cmp_str);
    for (size_t i = 0; i < f.n && !rc; i++) {
        char *path = _join(dir, f.v[i]);
        rc = path ? _add_file(p, path, f.v[i], scenario) : diag_oom();
        free(path);
    }
    for (size_t i = 0; i < f.n; i++)
        free(f.v[i]);
    free(f.v);
    if (!rc && f.n == 0)
        diag_warn("no model files (*.yaml, *.yml) in '%s'%s", dir,
                  recursive ? " or its subfolders" : "");
    return rc;
}

int batch_plan_operands(batch_plan *p, char *const *operands, size_t n,
                        const char *scenario, int recursive)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(operands[i], &st)) {
            diag_error("cannot open '%s': %s", operands[i], strerror(errno));
            return EX_NOINPUT;
        }
        int rc = S_ISDIR(st.st_mode)
                     ? _add_folder(p, operands[i], scenario, recursive)
                     : _add_file(p, operands[i], _base(operands[i]), scenario);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- manifest ----------------------------------------------------------- */

typedef struct _manifest {
    batch_plan *p;
    const char *path;
    int have_header;
    size_t ncols;
    int col_model, col_scenario, col_output;   /* -1 when absent */
    int *is_series;                            /* [ncols] */
} _manifest;

static int _header(_manifest *m, const csvrows_field *f, size_t n)
{
    m->ncols = n;
    m->col_model = m->col_scenario = m->col_output = -1;
    if (!(m->is_series = calloc(n, sizeof *m->is_series)) ||
        !(m->p->series = calloc(n, sizeof *m->p->series)))
        return diag_oom();
    m->p->nseries = n;
    for (size_t i = 0; i < n; i++) {
        int *col = !strcmp(f[i].text, "model")      ? &m->col_model
                   : !strcmp(f[i].text, "scenario") ? &m->col_scenario
                   : !strcmp(f[i].text, "output")   ? &m->col_output
                                                    : NULL;
        if (col && *col >= 0)
            return reader_error(m->path, f[i].line, (int)i + 1,
                                "duplicate column '%s'", f[i].text);
        if (col) {
            *col = (int)i;
            continue;
        }
        if (!reader_is_series_name(f[i].text, f[i].len))
            return reader_error(m->path, f[i].line, (int)i + 1, "column '%s' is not "
                                "'model', 'scenario', 'output' or a series name",
                                reader_show(f[i].text, f[i].len).s);
        m->is_series[i] = 1;
        if (!(m->p->series[i] = strdup(f[i].text)))
            return diag_oom();
    }
    if (m->col_model < 0)
        return reader_error(m->path, f[0].line, 1, "no 'model' column in the header "
                            "(expected model,scenario,output,SERIES...)");
    return 0;
}

/* The model path of a row: relative to the manifest's folder. */
static char *_model_path(const char *manifest, const char *model)
{
    const char *slash = strrchr(manifest, '/');
    if (model[0] == '/' || !slash)
        return strdup(model);
    size_t dl = (size_t)(slash - manifest) + 1, size = dl + strlen(model) + 1;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%.*s%s", (int)dl, manifest, model);
    return path;
}

/* The row's text, fields joined by the unit separator, for its key. */
static char *_row_text(const csvrows_field *f, size_t n)
{
    size_t size = 1;
    for (size_t i = 0; i < n; i++)
        size += f[i].len + 1;
    char *s = malloc(size), *w = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        memcpy(w, f[i].text, f[i].len);
        w += f[i].len;
        *w++ = '\x1f';
    }
    *w = '\0';
    return s;
}

static int _overrides(_manifest *m, batch_run *r, const csvrows_field *f)
{
    r->overrides = calloc(m->ncols, sizeof *r->overrides);
    if (!r->overrides)
        return diag_oom();
    for (size_t i = 0; i < m->ncols; i++) {
        if (!m->is_series[i] || f[i].len == 0)
            continue;
        run_override *o = &r->overrides[r->noverrides++];
        o->series = m->p->series[i];
        o->file = m->path;
        o->line = f[i].line;
        o->col = (int)i + 1;
        if (!(o->text = strdup(f[i].text)))
            return diag_oom();
    }
    return 0;
}

static int _row(_manifest *m, const csvrows_field *f, size_t n, int line)
{
    if (n != m->ncols)
        return reader_error(m->path, line, (int)(n < m->ncols ? n : m->ncols) + 1,
                            "%zu field%s where the header has %zu", n,
                            n == 1 ? "" : "s", m->ncols);
    const csvrows_field *mf = &f[m->col_model];
    if (mf->len == 0)
        return reader_error(m->path, mf->line, m->col_model + 1, "empty 'model'");
    batch_run *r = _add(m->p);
    if (!r)
        return diag_oom();
    r->line = line;
    const char *sc = m->col_scenario >= 0 && f[m->col_scenario].len
                         ? f[m->col_scenario].text : NULL;
    if (!(r->model = _model_path(m->path, mf->text)) || (sc && !(r->scenario = strdup(sc))) ||
        !(r->row = _row_text(f, n)) || !(r->path = batch_path_normal(r->model)))
        return diag_oom();
    const csvrows_field *of = m->col_output >= 0 ? &f[m->col_output] : NULL;
    r->name = of && of->len ? strdup(of->text) : _name_of(_base(r->model), sc);
    if (!r->name)
        return diag_oom();
    if (!batch_name_ok(r->name))
        return reader_error(m->path, of && of->len ? of->line : mf->line,
                            (of && of->len ? m->col_output : m->col_model) + 1,
                            "'%s' cannot name an output (letters, digits, space, '-', '_' "
                            "and '.', not starting with '.', not 'index'; no path)",
                            reader_show(r->name, strlen(r->name)).s);
    return _overrides(m, r, f);
}

static int _on_row(void *ctx, const csvrows_field *f, size_t n, int line)
{
    _manifest *m = ctx;
    if (m->have_header)
        return _row(m, f, n, line);
    m->have_header = 1;
    return _header(m, f, n);
}

int batch_plan_manifest(batch_plan *p, const char *path)
{
    if (!(p->manifest = strdup(path)))
        return diag_oom();
    _manifest m = {.p = p, .path = p->manifest};
    int rc = csvrows_read(path, _on_row, &m);
    free(m.is_series);
    if (!rc && !m.have_header)
        rc = reader_error(path, 1, 1, "empty manifest (expected a header "
                          "model,scenario,output,SERIES... and a row per run)");
    return rc;
}

/* ---- names and keys ------------------------------------------------------ */

static int _cmp_name(const void *a, const void *b)
{
    const batch_run *x = *(const batch_run *const *)a, *y = *(const batch_run *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->run > y->run) - (x->run < y->run);
}

static void _where(const batch_plan *p, const batch_run *r, char *buf, size_t size)
{
    if (p->manifest)
        snprintf(buf, size, "%s:%d", p->manifest, r->line);
    else
        snprintf(buf, size, "%s", r->model);
}

int batch_plan_check_names(const batch_plan *p)
{
    const batch_run **v = malloc((p->n ? p->n : 1) * sizeof *v);
    if (!v)
        return diag_oom();
    for (size_t i = 0; i < p->n; i++)
        v[i] = &p->runs[i];
    qsort(v, p->n, sizeof *v, _cmp_name);
    int rc = 0;
    for (size_t i = 1; i < p->n && !rc; i++) {
        if (strcmp(v[i - 1]->name, v[i]->name))
            continue;
        char a[600], b[600];
        _where(p, v[i - 1], a, sizeof a);
        _where(p, v[i], b, sizeof b);
        diag_error("two runs write '%s.xlsx': %s and %s", v[i]->name, a, b);
        rc = EX_USAGE;
    }
    free(v);
    return rc;
}

static uint64_t _fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *s = data;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void batch_plan_identify(batch_plan *p)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < p->n; i++) {
        const batch_run *r = &p->runs[i];
        const char *sc = r->scenario ? r->scenario : "base";
        h = _fnv(h, r->name, strlen(r->name) + 1);
        h = _fnv(h, r->path, strlen(r->path) + 1);
        h = _fnv(h, sc, strlen(sc) + 1);
        h = _fnv(h, r->row, strlen(r->row) + 1);
    }
    snprintf(p->id, sizeof p->id, "%016llx", (unsigned long long)h);
}

void batch_plan_release(batch_plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        batch_run *r = &p->runs[i];
        for (size_t k = 0; k < r->noverrides; k++)
            free((char *)r->overrides[k].text);
        free(r->overrides);
        free(r->model);
        free(r->path);
        free(r->scenario);
        free(r->name);
        free(r->row);
    }
    free(p->runs);
    for (size_t i = 0; i < p->nseries; i++)
        free(p->series[i]);
    free(p->series);
    free(p->manifest);
    memset(p, 0, sizeof *p);
}

/* Append part[0..n) to the normalised path being built in out[0..*len). */
static void _part(char *out, size_t *len, const char *part, size_t n)
{
    if (n == 0 || (n == 1 && part[0] == '.'))
        return;
    if (n == 2 && part[0] == '.' && part[1] == '.') {
        while (*len > 0 && out[*len - 1] != '/')
            (*len)--;
        if (*len > 0)
            (*len)--;
        return;
    }
    out[(*len)++] = '/';
    memcpy(out + *len, part, n);
    *len += n;
}

char *batch_path_normal(const char *path)
{
    char cwd[4096] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
        cwd[0] = '\0';
    size_t size = strlen(cwd) + strlen(path) + 3, len = 0;
    char *out = malloc(size);
    if (!out)
        return NULL;
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? path : cwd;
        while (*s) {
            size_t n = strcspn(s, "/");
            _part(out, &len, s, n);
            s += n + (s[n] == '/');
        }
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    return out;
}
