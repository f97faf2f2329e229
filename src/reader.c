/*
 * reader.c - helpers shared by the readers (see reader.h).
 */
#include "reader.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "diag.h"

/* Why a file could not be read, as the message gives it ("No such file or
 * directory", "a folder (expected a file)"); is: the reason reads after
 * "it is". The exit code is returned beside it. */
typedef struct _why {
    int is;
    char reason[96];
} _why;

static int _why_set(_why *w, int code, int is, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int _why_set(_why *w, int code, int is, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->reason, sizeof w->reason, fmt, ap);
    va_end(ap);
    w->is = is;
    return code;
}

static int _too_large(_why *w, size_t size)
{
    if (size)
        return _why_set(w, EX_DATAERR, 1, "too large: %.1f MiB (at most %zu MiB)",
                        (double)size / (1 << 20), READER_MAX_FILE >> 20);
    return _why_set(w, EX_DATAERR, 1, "too large (at most %zu MiB)",
                    READER_MAX_FILE >> 20);
}

/* Read f to its end into *out (NUL-terminated). hint: its size, so that
 * the buffer is allocated once: for a regular file its size (it grows by
 * doubling should the file grow meanwhile), for a pipe the limit (pages
 * are only used as they are filled, and nothing is copied as a doubling
 * realloc would). Never holds more than READER_MAX_FILE + 2 bytes. */
static int _read_all(FILE *f, size_t hint, char **out, size_t *len, _why *w)
{
    size_t cap = hint + 4096 + 1, n = 0;
    if (cap > READER_MAX_FILE + 2)
        cap = READER_MAX_FILE + 2;
    char *buf = malloc(cap);
    if (!buf)
        return _why_set(w, EX_OSERR, 0, "out of memory");
    for (;;) {
        if (n + 1 == cap) {
            if (n > READER_MAX_FILE)
                break;
            size_t c = cap > READER_MAX_FILE / 2 ? READER_MAX_FILE + 2 : 2 * cap;
            char *p = realloc(buf, c);
            if (!p) {
                free(buf);
                return _why_set(w, EX_OSERR, 0, "out of memory");
            }
            buf = p;
            cap = c;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (n > READER_MAX_FILE) {
        free(buf);
        return _too_large(w, 0);
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        return _why_set(w, EX_IOERR, 0, "%s", strerror(e ? e : EIO));
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* The file at path into *out, or the reason it cannot be. A folder or a
 * device (import: /dev/tty would wait for a terminal) is not a model;
 * pipes are fine (capex run <(generate-model)). A regular file over the
 * limit is refused from its size, unread. */
static int _load(const char *path, char **out, size_t *len, _why *w)
{
    struct stat st;
    if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISCHR(st.st_mode)
                                 || S_ISBLK(st.st_mode)))
        return _why_set(w, EX_NOINPUT, 1, "%s (expected a file)",
                        S_ISDIR(st.st_mode) ? "a folder" : "a device");
    FILE *f = fopen(path, "rb");
    if (!f)
        return _why_set(w, EX_NOINPUT, 0, "%s", strerror(errno));
    size_t hint = READER_MAX_FILE;
    int rc = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > READER_MAX_FILE)
            rc = _too_large(w, (size_t)st.st_size);
        hint = (size_t)st.st_size;
    }
    errno = 0;
    if (!rc)
        rc = _read_all(f, hint, out, len, w);
    fclose(f);
    return rc;
}

int reader_slurp(const char *path, char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    _why w;
    int rc = _load(path, buf, len, &w);
    if (!rc)
        return 0;
    if (rc == EX_DATAERR)
        reader_error(path, 1, 1, "the file is %s", w.reason);
    else if (rc == EX_OSERR)
        diag_error("out of memory reading '%s'", path);
    else
        diag_error("cannot %s '%s': %s%s", rc == EX_NOINPUT && !w.is ? "open" : "read",
                   path, w.is ? "it is " : "", w.reason);
    return rc;
}

int reader_slurp_at(const char *path, const char *file, int line, int col,
                    char **buf, size_t *len)
{
    *buf = NULL;
    *len = 0;
    _why w;
    int rc = _load(path, buf, len, &w);
    if (rc)
        reader_error(file, line, col, "cannot import '%s': %s%s", path,
                     w.is ? "it is " : "", w.reason);
    return rc;
}

size_t reader_bom(const char *buf, size_t len)
{
    return len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t _utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 2;
    else if (c == 0xE0) { need = 3; lo = 0xA0; }
    else if (c == 0xED) { need = 3; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) need = 3;
    else if (c == 0xF0) { need = 4; lo = 0x90; }
    else if (c == 0xF4) { need = 4; hi = 0x8F; }
    else if (c >= 0xF1 && c <= 0xF3) need = 4;
    else return 0;
    if (n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return need;
}

size_t reader_utf8_error(const char *buf, size_t len)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        size_t k = _utf8_seq(s + i, len - i);
        if (!k)
            return i;
        i += k;
    }
    return len;
}

/* The first control character other than tab, LF and CR, or len. */
static size_t _control(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return i;
    }
    return len;
}

int reader_check_text(const char *file, const char *text, size_t len,
                      const char *kind, int controls)
{
    if (len >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE')
                     || (text[0] == '\xFE' && text[1] == '\xFF')))
        return reader_error(file, 1, 1, "the file is UTF-16 (%s files are UTF-8: "
                            "save it as UTF-8)", kind);
    if (len >= 4 && !memcmp(text, "PK\x03\x04", 4))
        return reader_error(file, 1, 1, "the file is a ZIP archive (a workbook?), not "
                            "a %s file (expected UTF-8 text)", kind);
    size_t bad = reader_utf8_error(text, len);
    size_t ctl = controls ? _control(text, bad) : bad;
    if (bad == len && ctl == len)
        return 0;
    int line, col;
    reader_position(text, ctl, &line, &col);
    if (ctl < bad)
        return reader_error(file, line, col, "control character U+%04X is not allowed "
                            "(%s files are text)", (unsigned char)text[ctl], kind);
    return reader_error(file, line, col, "invalid UTF-8 byte 0x%02x (%s files are UTF-8)",
                        (unsigned char)text[bad], kind);
}

void reader_position(const char *buf, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if (ch == '\n' || (ch == '\r' && buf[i + 1] != '\n')) {
            l++;
            c = 1;
        } else if (ch != '\r' && (ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

int reader_error(const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap, aq;
    va_start(ap, fmt);
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg) {
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        diag_at(file, line, col, "%s", msg);
        free(msg);
    } else {
        diag_at(file, line, col, "out of memory formatting a message");
    }
    va_end(ap);
    return EX_DATAERR;
}

reader_text reader_show(const char *text, size_t len)
{
    reader_text t;
    size_t max = 60, n = len < max ? len : max;
    while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        t.s[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
    }
    strcpy(t.s + n, n < len ? "..." : "");
    return t;
}

#define MAX_WORD 64

size_t reader_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_WORD || m > MAX_WORD)
        return SIZE_MAX;
    /* optimal string alignment: three rows of the DP table */
    size_t rows[3][MAX_WORD + 1];
    size_t *pp = rows[0], *p = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        p[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = p[j - 1] + cost;
            if (p[j] + 1 < d) d = p[j] + 1;
            if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && pp[j - 2] + 1 < d)
                d = pp[j - 2] + 1;
            cur[j] = d;
        }
        size_t *t = pp; pp = p; p = cur; cur = t;
    }
    return p[m];
}

int reader_close(size_t d, size_t len_a, size_t len_b)
{
    size_t longer = len_a > len_b ? len_a : len_b;
    return d > 0 && d <= 3 && d * 3 <= longer + 1;
}

/* Keep choice in *best when it is nearer to word than *best_d. */
static void _nearer(const char *word, size_t n, const char *choice,
                    const char **best, size_t *best_d)
{
    size_t d = reader_distance(word, choice);
    if (d < *best_d && reader_close(d, n, strlen(choice))) {
        *best = choice;
        *best_d = d;
    }
}

const char *reader_suggest(const char *word, const char *const *choices)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX, n = strlen(word);
    for (size_t i = 0; choices[i]; i++)
        _nearer(word, n, choices[i], &best, &best_d);
    return best;
}

const char *reader_suggest_scenario(const cx_model *m, const char *word)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX, n = strlen(word);
    _nearer(word, n, "base", &best, &best_d);
    for (size_t i = 0; i < m->nscenarios; i++)
        _nearer(word, n, m->scenarios[i].name, &best, &best_d);
    return best;
}

int reader_unknown_scenario(const cx_model *m, const char *name)
{
    const char *near = reader_suggest_scenario(m, name);
    if (near)
        diag_at(m->file, 0, 0, "no scenario '%s' in model '%s' (did you mean '%s'?)",
                name, m->name, near);
    else
        diag_at(m->file, 0, 0, "no scenario '%s' in model '%s'%s", name, m->name,
                m->nscenarios ? "" : " (it defines none)");
    for (size_t i = 0; i < m->nscenarios; i++)
        fprintf(stderr, "  available: %s\n", m->scenarios[i].name);
    return EX_USAGE;
}

static int _word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80;
}

int reader_is_series_name(const char *s, size_t len)
{
    if (len == 0 || len > READER_MAX_NAME || strlen(s) != len)
        return 0;
    int dots = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (i == 0 || i + 1 == len || s[i + 1] == '.')
                return 0;
            dots++;
        } else if (!_word_char(c)) {
            return 0;
        }
    }
    return dots > 0;
}

int reader_is_identifier(const char *s, size_t len)
{
    if (len == 0 || len > READER_MAX_NAME || strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int ok = c < 0x80 && (_word_char(c) || c == '.');
        if (!ok || (i == 0 && (c == '.' || c == '-' || c == '_')))
            return 0;
    }
    return 1;
}

int reader_unit(const char *text, cx_unit *unit)
{
    size_t n = strlen(text);
    if (n == 0 || n > 32 || text[0] == ' ' || text[n - 1] == ' ')
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return -1;
    if (!strcmp(text, "money")) *unit = CX_U_MONEY;
    else if (!strcmp(text, "%")) *unit = CX_U_RATIO;
    else if (!strcmp(text, "x")) *unit = CX_U_MULTIPLE;
    else *unit = CX_U_OTHER;
    return 0;
}

const char *reader_unit_name(cx_unit unit, const char *unit_text)
{
    switch (unit) {
    case CX_U_MONEY:    return "money";
    case CX_U_RATIO:    return "%";
    case CX_U_MULTIPLE: return "x";
    default:            return unit_text ? unit_text : "count";
    }
}

int reader_scale(const char *text, cx_scale *out)
{
    static const struct { const char *name; cx_scale scale; } names[] = {
        {"1", CX_SCALE_ONE}, {"K", CX_SCALE_K}, {"thousand", CX_SCALE_K},
        {"M", CX_SCALE_M}, {"mn", CX_SCALE_M}, {"mm", CX_SCALE_M},
        {"million", CX_SCALE_M}, {"B", CX_SCALE_B}, {"bn", CX_SCALE_B},
        {"billion", CX_SCALE_B}, {"T", CX_SCALE_T}, {"tn", CX_SCALE_T},
        {"trillion", CX_SCALE_T},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcasecmp(text, names[i].name)) {
            *out = names[i].scale;
            return 0;
        }
    return -1;
}

int reader_figure_error(const char *file, int line, int col, pv_status st,
                        const pv_rules *rules, const char *text, size_t len,
                        const char *what, const char *unit_name)
{
    const char *like = rules->percent ? "like 58%, ~40%, 0.58 or 20%..30%"
                                      : "like 381, ~140, 140+ or 645..665";
    reader_text t = reader_show(text, len);
    switch (st) {
    case PV_EEMPTY:
        return reader_error(file, line, col, "expected a figure %s (%s), got nothing",
                            what, like);
    case PV_ERANGE:
        return reader_error(file, line, col, "figure %s is out of range, got '%s'",
                            what, t.s);
    case PV_EORDER:
        return reader_error(file, line, col,
                            "range %s runs from high to low, got '%s' (expected LOW..HIGH)",
                            what, t.s);
    case PV_EPERCENT:
        return reader_error(file, line, col,
                            "unexpected '%%' %s, got '%s' (a %s figure; '%%' is for "
                            "rates, ratios and shares)", what, t.s, unit_name);
    case PV_ESCALE:
        return reader_error(file, line, col,
                            "unexpected scale suffix %s, got '%s' (a %s figure; K, M, B "
                            "and T are for money figures)", what, t.s, unit_name);
    case PV_ECURRENCY:
        return reader_error(file, line, col,
                            "unexpected currency sign %s, got '%s' (a %s figure; currency "
                            "signs are for money figures)", what, t.s, unit_name);
    default:
        return reader_error(file, line, col, "expected a figure %s (%s), got '%s'",
                            what, like, t.s);
    }
}
