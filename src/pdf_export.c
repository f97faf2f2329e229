/*
 * pdf_export.c - workbook to PDF through soffice --headless (pdf_export.h).
 */
#define _XOPEN_SOURCE 700
#include "pdf_export.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"

#define TIMEOUT 180           /* seconds LibreOffice may take */

char *pdf_path_for(const char *xlsx)
{
    size_t n = strlen(xlsx);
    if (n > 5 && !strcmp(xlsx + n - 5, ".xlsx"))
        n -= 5;
    char *p = malloc(n + 5);
    if (p)
        snprintf(p, n + 5, "%.*s.pdf", (int)n, xlsx);
    return p;
}

/* soffice's path: CAPEX_SOFFICE, else the first in PATH; NULL when none. */
static char *_soffice(void)
{
    const char *env = getenv("CAPEX_SOFFICE");
    if (env && *env)
        return access(env, X_OK) == 0 ? strdup(env) : NULL;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    while (*path) {
        size_t n = strcspn(path, ":");
        char buf[4096];
        if (n && n < sizeof buf - 10) {
            snprintf(buf, sizeof buf, "%.*s/soffice", (int)n, path);
            if (access(buf, X_OK) == 0)
                return strdup(buf);
        }
        path += n + (path[n] == ':');
    }
    return NULL;
}

static int _rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

static void _rm_tree(const char *dir)
{
    nftw(dir, _rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Run soffice; its output to /dev/null. Returns its exit status, -1 when
 * it could not start or took longer than TIMEOUT. */
static int _run(char *const argv[])
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    time_t end = time(NULL) + TIMEOUT;
    int st;
    while (waitpid(pid, &st, WNOHANG) == 0) {
        if (time(NULL) > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The file soffice writes: OUTDIR/<xlsx's base name without .xlsx>.pdf. */
static char *_produced(const char *outdir, const char *xlsx)
{
    const char *slash = strrchr(xlsx, '/');
    char *base = pdf_path_for(slash ? slash + 1 : xlsx);
    size_t size = strlen(outdir) + 1 + (base ? strlen(base) : 0) + 1;
    char *p = base ? malloc(size) : NULL;
    if (p)
        snprintf(p, size, "%s/%s", outdir, base);
    free(base);
    return p;
}

static int _convert(const char *soffice, const char *xlsx, const char *outdir,
                    const char *profile)
{
    char env[4200];
    snprintf(env, sizeof env, "-env:UserInstallation=file://%s", profile);
    char *argv[] = {(char *)soffice, env, (char *)"--headless", (char *)"--norestore",
                    (char *)"--convert-to", (char *)"pdf", (char *)"--outdir",
                    (char *)outdir, (char *)xlsx, NULL};
    return _run(argv);
}

int pdf_export(const char *xlsx, const char *pdf)
{
    char *soffice = _soffice();
    if (!soffice) {
        diag_error("--pdf needs LibreOffice: no 'soffice' in PATH (apt-get install "
                   "libreoffice-calc-nogui; or set CAPEX_SOFFICE)");
        return EX_UNAVAILABLE;
    }
    char *dir = outfile_dir(pdf);
    size_t n = (dir ? strlen(dir) : 0) + 32;
    char *outdir = dir ? malloc(n) : NULL;
    char profile[] = "/tmp/capex-lo-XXXXXX";
    int rc = 0, have_outdir = 0, have_profile = 0;
    if (outdir) {
        snprintf(outdir, n, "%s.capex-pdf-XXXXXX", dir);
        have_outdir = mkdtemp(outdir) != NULL;
    }
    if (!have_outdir) {
        diag_error("cannot create '%s': %s", dir ? dir : pdf, strerror(errno));
        rc = EX_CANTCREAT;
    } else if (!(have_profile = mkdtemp(profile) != NULL)) {
        diag_error("cannot create a LibreOffice profile in /tmp: %s", strerror(errno));
        rc = EX_CANTCREAT;
    }
    char *made = rc ? NULL : _produced(outdir, xlsx);
    if (!rc) {
        int st = made ? _convert(soffice, xlsx, outdir, profile) : -1;
        if (st != 0 || access(made, F_OK) != 0) {
            diag_error("cannot convert '%s' to PDF: LibreOffice (%s) %s", xlsx, soffice,
                       st < 0 ? "did not finish" : "failed");
            rc = EX_SOFTWARE;
        } else if (rename(made, pdf)) {
            diag_error("cannot create '%s': %s", pdf, strerror(errno));
            rc = EX_CANTCREAT;
        }
    }
    if (have_outdir)
        _rm_tree(outdir);
    if (have_profile)
        _rm_tree(profile);
    free(made);
    free(outdir);
    free(dir);
    free(soffice);
    return rc;
}
