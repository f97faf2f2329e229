/*
 * usage.c - the help text of every subcommand (feeds --help and
 * `capex help NAME`; docs/capex.1 says the same at more length). The shell
 * completions are generated from it (`make completion`): an option is a
 * line "  -x, --long ARG   text" or "      --long   text".
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "commands.h"
#include "diag.h"

struct usage {
    const char *name;
    const char *synopsis;
    const char *text;
};

static const struct usage usages[] = {
    {NULL, "capex COMMAND [OPTIONS] MODEL",
     "Project capital expenditure and cash burn from a model file into an\n"
     "Excel workbook with live formulas.\n"
     "\n"
     "Commands:\n"
     "  run MODEL      compute a model, write its workbook, print a summary\n"
     "  check MODEL    validate a model and report its checks\n"
     "  mc MODEL       Monte Carlo over the model's uncertainty: percentiles,\n"
     "                 probabilities by year, fan chart\n"
     "  batch DIR...   many models to workbooks in parallel, with an index\n"
     "  index OUTDIR   merge the run records of (sharded) batches into an index\n"
     "  init NAME      write a commented starter model (burn, capex or market)\n"
     "  explain MODEL [SERIES]  how each value is derived: the audit trail\n"
     "  diff A B       what changed between two models or scenarios\n"
     "  fmt MODEL      the model file in canonical layout\n"
     "  help [COMMAND] show help for a command\n"
     "  version        print the version\n"
     "\n"
     "Example:\n"
     "  capex run inputs/bigtech-capex.yaml -o outputs/bigtech.xlsx\n"
     "\n"
     "Model files are described in docs/format.md; see also capex(1).\n"},
    {"run", "capex run MODEL [-o OUT.xlsx] [-s NAME] [-f table|csv|json]\n"
            "                 [--periods] [-n] [--pdf] [-q]",
     "Compute MODEL, write its workbook and print a summary on stdout.\n"
     "\n"
     "  -o, --output FILE      workbook path (default outputs/<model>.xlsx;\n"
     "                         the outputs/ folder is created if missing)\n"
     "  -s, --scenario NAME    use a scenario's drivers (default: base); 'all'\n"
     "                         computes base, every scenario and the automatic\n"
     "                         low/high of the input ranges side by side\n"
     "  -f, --format FORMAT    stdout as table (default), csv or json\n"
     "  -n, --no-workbook      compute and print only, write no workbook\n"
     "      --periods          table: a monthly or quarterly model's every period\n"
     "                         (default: its fiscal years, rolled up)\n"
     "      --pdf              the workbook also as PDF beside it (needs\n"
     "                         LibreOffice: soffice); page setup is the workbook's\n"
     "  -q, --quiet            no notes and no table (csv and json are still\n"
     "                         printed); errors only\n"
     "  -h, --help             this text\n"
     "\n"
     "The workbook is written to a temporary file and renamed, so an existing\n"
     "workbook is never left half-written.\n"
     "\n"
     "Example:\n"
     "  capex run inputs/ai-lab-burn.yaml --scenario bear --format json\n"},
    {"batch", "capex batch MODEL|DIR... [-s NAME] [-r] [OPTIONS]\n"
     "       capex batch --manifest FILE [OPTIONS]",
     "Run many models (every *.yaml and *.yml of a folder), or the rows of a\n"
     "manifest, to one workbook each in worker processes, and write an index\n"
     "of all runs (OUTDIR/index.xlsx, index.csv, index.json). A failed run is\n"
     "reported and does not stop the others. Runs whose inputs did not change\n"
     "(by content) are skipped. One batch at a time per output folder; the\n"
     "index is written at the end of every batch, an interrupted one too.\n"
     "See docs/batch.md.\n"
     "\n"
     "  -o, --output DIR       output folder (default outputs/)\n"
     "  -j, --jobs N           worker processes (default: the CPUs available)\n"
     "  -s, --scenario NAME    scenario of every model (base, a name, or all)\n"
     "  -r, --recursive        models in subfolders too (acme/bear.yaml: acme-bear)\n"
     "      --manifest FILE    runs from a CSV: model,scenario,output,SERIES...\n"
     "                         (a SERIES cell is a driver like {rate: 30%})\n"
     "      --force            rerun runs that are up to date\n"
     "      --only-failed      rerun only the runs the last batch failed\n"
     "      --wait             wait for another batch into OUTDIR (else exit 75)\n"
     "      --allow-empty      no models found is a success (else exit 66)\n"
     "      --min-runs N       fewer than N runs is a failure (exit 66)\n"
     "      --keep-failed      a run that fails keeps its earlier workbook\n"
     "      --prune            remove workbooks that no run of the batch makes\n"
     "      --shard K/N        run only slice K of N (default: from\n"
     "                         SLURM_ARRAY_TASK_ID/_MIN/_COUNT); then 'capex index'\n"
     "      --shards N         N for JOB_COMPLETION_INDEX (Kubernetes indexed jobs)\n"
     "      --no-index         write no index files\n"
     "      --pdf              each workbook also as OUTDIR/NAME.pdf (LibreOffice)\n"
     "  -f, --format FORMAT    stdout: summary line (table), or the index as csv\n"
     "                         or json\n"
     "  -q, --quiet            no progress and no summary; errors only\n"
     "  -h, --help             this text\n"
     "\n"
     "Exit status: 0 when every run succeeded or was up to date, 65 when a model\n"
     "was invalid, else the first failed run's status (74: a full disk); 66 no\n"
     "models, 75 the folder in use, 130/143 interrupted (the index written).\n"
     "\n"
     "Examples:\n"
     "  capex batch inputs/ -o outputs/ -s all\n"
     "  capex batch --manifest runs.csv -o grid/ -j 8\n"},
    {"index", "capex index OUTDIR [--partial] [-f table|csv|json] [-q]",
     "Write OUTDIR/index.xlsx, index.csv and index.json from the run records\n"
     "in OUTDIR/.capex/, as 'capex batch' does: after the shards of a batch\n"
     "(--shard, Slurm job arrays) have all finished. The same records give\n"
     "the same bytes as a batch run on one machine. Records of earlier\n"
     "batches into the same folder are left out (with a warning); when runs\n"
     "of the batch have no record yet (a shard has not finished), it says\n"
     "which and exits 66.\n"
     "\n"
     "      --partial          write the index of the records there are\n"
     "  -f, --format FORMAT    stdout: summary line (table), or the index as csv\n"
     "                         or json\n"
     "  -q, --quiet            errors only\n"
     "  -h, --help             this text\n"
     "\n"
     "Example:\n"
     "  capex index outputs/\n"},
    {"init", "capex init NAME [-t burn|capex|market | --from TABLE [--sheet S]\n"
             "                  [--range R]] [-o FILE] [--force]",
     "Write NAME.yaml, a commented starter model that runs as it is: edit its\n"
     "figures and sources, then 'capex run NAME.yaml'. An existing file is\n"
     "kept unless --force.\n"
     "\n"
     "  -t, --template NAME    burn (default): a startup's monthly revenue,\n"
     "                         costs, cash, raise and runway (36 months);\n"
     "                         capex: several companies' capex and their\n"
     "                         stated total; market: a market, a segment as its\n"
     "                         share, a fitted trend\n"
     "      --from TABLE       a model of TABLE's rows instead (a CSV file or an\n"
     "                         .xlsx workbook): names in the first column, years\n"
     "                         across the header, each figure's source its cell,\n"
     "                         drivers as commented suggestions\n"
     "      --sheet NAME       the workbook's sheet (default: the first)\n"
     "      --range RANGE      the table's cells, like B3:H12 (default: all)\n"
     "  -o, --output FILE      write FILE instead of NAME.yaml\n"
     "      --force            replace an existing file\n"
     "  -q, --quiet            print nothing but errors\n"
     "  -h, --help             this text\n"
     "\n"
     "Example:\n"
     "  capex init acme --template capex && capex run acme.yaml\n"
     "  capex init filings --from filings.xlsx --sheet Capex --range A3:F12\n"},
    {"explain", "capex explain MODEL [SERIES|burn] [-s NAME]",
     "Print how each value of a series (or of every series, in the order they\n"
     "are computed) is derived: its stated figures with their kind and source,\n"
     "its driver in words with where it is written and its source, a fitted\n"
     "curve, and for each projected year the rate applied to the year before\n"
     "(or the fit, the share, the parts of a sum); for a derived series its\n"
     "formula, its inputs and their values each year, and why a year is\n"
     "empty - the audit trail.\n"
     "'burn' (unless a series is named so) explains the burn: the net cash\n"
     "flow and cumulative by year, then break-even or turns negative, the\n"
     "trough, peak funding, payback, runway and funding gap, each worked out.\n"
     "\n"
     "  -s, --scenario NAME    under a scenario's drivers\n"
     "  -h, --help             this text\n"
     "\n"
     "Examples:\n"
     "  capex explain inputs/ai-lab-burn.yaml revenue.openai\n"
     "  capex explain inputs/ai-lab-burn.yaml burn\n"},
    {"diff", "capex diff A B [-f table|csv|json]",
     "Compare two models, one model under two scenarios, or two JSON reports\n"
     "of 'capex run -f json': A and B are each MODEL, MODEL:SCENARIO or\n"
     "REPORT.json. Prints the key outputs that differ (burn,\n"
     "peak, turns negative, break-even, payback, runway, funding gap, NPV,\n"
     "IRR, checks not passing), the net cash flow and cumulative by period,\n"
     "each check whose status changed, then every series value that differs,\n"
     "matched by series name and period (year, quarter or month: both sides\n"
     "of one frequency and fiscal year). Exit status 0 when nothing differs,\n"
     "1 when something does (as diff), 64/65/66 on errors.\n"
     "\n"
     "  -f, --format FORMAT    table (default), csv (what,year,a,b) or json\n"
     "  -h, --help             this text\n"
     "\n"
     "Examples:\n"
     "  capex diff inputs/ai-lab-burn.yaml:base inputs/ai-lab-burn.yaml:bear\n"
     "  capex run model.yaml -f json > today.json\n"
     "  capex diff yesterday.json today.json\n"
     "  git show HEAD~1:model.yaml > old.yaml && capex diff old.yaml model.yaml\n"},
    {"fmt", "capex fmt MODEL [-w [--force] | --check]",
     "Print MODEL in canonical layout: the top-level keys in the documented\n"
     "order, each series' keys as label, unit, values, sum_of, stated, source,\n"
     "short mappings and lists on one line (nested ones too), two-space\n"
     "indents, UTF-8 as written. Only a valid model is formatted. Comments:\n"
     "libyaml reports none, so only the comment lines at the top of the file\n"
     "and those directly above a top-level key are kept; others are dropped\n"
     "(and counted).\n"
     "\n"
     "  -w, --write            rewrite MODEL in place (atomically); refused when\n"
     "                         comments would be dropped, unless --force\n"
     "      --force            with -w: rewrite even when comments are dropped\n"
     "      --check            print MODEL and exit 1 when it is not formatted\n"
     "  -h, --help             this text\n"
     "\n"
     "Example:\n"
     "  capex fmt acme.yaml > acme.formatted.yaml\n"
     "  capex diff acme.yaml acme.formatted.yaml\n"},
    {"check", "capex check MODEL [-s NAME] [-q]",
     "Validate MODEL and run its checks. Prints each check with pass or\n"
     "warn; exits 0 when the file is valid (warnings included), 65 when not.\n"
     "\n"
     "  -s, --scenario NAME    check under a scenario's drivers\n"
     "  -q, --quiet            print nothing but errors\n"
     "  -h, --help             this text\n"
     "\n"
     "Example:\n"
     "  capex check inputs/memory-market.yaml\n"},
    {"mc", "capex mc MODEL [--paths N] [--seed S] [-j THREADS] [-o OUT.xlsx]\n"
           "                [-s NAME] [-f table|csv|json] [--percentiles P,...] [-n] [-q]\n"
           "                [--raw FILE.xlsx [--raw-series NAME] [--raw-only]]",
     "Draw the model's 'uncertainty:' inputs (docs/format.md, Uncertainty) N times,\n"
     "recompute the projection and burn for each path, write the workbook with a\n"
     "MonteCarlo sheet and print percentiles, probabilities by year and targets.\n"
     "\n"
     "  --paths N              paths to draw (default 10000)\n"
     "  --seed S               seed (default 1); the same seed gives the same\n"
     "                         result whatever the thread count\n"
     "  -j, --jobs THREADS     threads (default: the processors online)\n"
     "  --percentiles P,...    percentiles beyond 5,10,50,90,95 (like 1,99)\n"
     "  -o, --output FILE      workbook path (default outputs/<model>-mc.xlsx)\n"
     "  -s, --scenario NAME    sample around a scenario's drivers\n"
     "  -f, --format FORMAT    stdout as table (default), csv or json\n"
     "  -n, --no-workbook      compute and print only\n"
     "  -q, --quiet            no notes and no table; errors only\n"
     "  --raw FILE             also write the raw paths: one row per path, one\n"
     "                         column per year, streamed as the paths are drawn\n"
     "  --raw-series NAME      what --raw writes: a series, net or cumulative\n"
     "                         (default cumulative: the burn's cumulative net cash\n"
     "                         flow; without a burn the first sampled series)\n"
     "  --raw-only             write the raw paths and nothing else: no statistics,\n"
     "                         memory that does not grow with --paths\n"
     "  -h, --help             this text\n"
     "\n"
     "Examples:\n"
     "  capex mc inputs/ai-lab-burn.yaml --paths 100000 -j 2\n"
     "  capex mc inputs/ai-lab-burn.yaml --paths 1000000 --raw paths.xlsx --raw-only\n"},
    {"help", "capex help [COMMAND]",
     "Show help for COMMAND (its options and an example), or the overview.\n"
     "The man page says more: man capex (or man -l docs/capex.1).\n"
     "\n"
     "Example:\n"
     "  capex help batch\n"},
    {"version", "capex version",
     "Print the version of capex (also: capex --version).\n"
     "\n"
     "Example:\n"
     "  capex version\n"},
};

static const struct usage *_find(const char *command)
{
    for (size_t i = 0; i < sizeof usages / sizeof usages[0]; i++) {
        const char *n = usages[i].name;
        if ((!n && !command) || (n && command && !strcmp(n, command)))
            return &usages[i];
    }
    return NULL;
}

int usage_print(const char *command)
{
    const struct usage *u = _find(command);
    if (!u) {
        diag_error("no help for unknown command '%s'", command);
        return EX_USAGE;
    }
    printf("usage: %s\n\n%s", u->synopsis, u->text);
    return 0;
}

int usage_error(const char *command)
{
    const struct usage *u = _find(command);
    fprintf(stderr, "usage: %s\n", u ? u->synopsis : "capex COMMAND [OPTIONS] MODEL");
    if (command)
        fprintf(stderr, "Try 'capex help %s' for more information.\n", command);
    else
        fprintf(stderr, "Try 'capex --help' for more information.\n");
    return EX_USAGE;
}

int usage_one_model(int argc, char **argv, int optind_, const char *command,
                    const char **model)
{
    if (argc - optind_ != 1) {
        diag_error(argc == optind_ ? "no model file given" : "more than one model file given");
        return usage_error(command);
    }
    *model = argv[optind_];
    return CMD_CONTINUE;
}
