#!/bin/sh
# check_boundary.sh BUILD - the architecture, checked on the objects the
# build made (make check-boundary, run by make test):
#  - the engine (BUILD/model/*.o) refers to no output (stdio writes, the
#    standard streams), no exit or abort, and nothing of libxlsxwriter,
#    libyaml or libcsv: it computes and returns error codes; the program
#    prints;
#  - of the program (BUILD/src/*.o), only the workbook writers (xlsx_*.o)
#    refer to libxlsxwriter, only yaml_tree.o and write_yaml.o to libyaml,
#    only the CSV reader and writers (csv_*.o, batch_record.o,
#    report_diff.o) to libcsv, only the workbook reader (read_xlsx*.o) to
#    minizip's unzip side (unz*) and expat (XML_*); nothing but the zip
#    step's xlsx_zip_*.o (its level, its file in memory, its worker
#    thread) to minizip's zip side (zip*); only xlsx_zip_stream.o (a part
#    deflated whole) to libdeflate; only batch_key.o to Nettle.
# Prints each offending object and symbol; exits 1 when there is one.
set -eu
build=${1:-build}
bad=0
say() { echo "check-boundary: $1" >&2; bad=1; }

# Undefined symbols of an object, one per line.
undef() { nm -u "$1" | awk '{print $NF}' | sed 's/@.*//'; }

forbidden_engine='^(unz[A-Z].*|zip[A-Z].*|XML_.*|printf|fprintf|vprintf|vfprintf|puts|fputs|putchar|fputc|putc|fwrite|perror|fflush|fopen|fclose|stdout|stderr|exit|_exit|_Exit|abort|quick_exit|atexit|lxw_.*|workbook_.*|worksheet_.*|chart_.*|format_.*|yaml_.*|csv_.*|__printf_chk|__fprintf_chk|__vfprintf_chk)$'
for o in "$build"/model/*.o; do
    for sym in $(undef "$o" | grep -E "$forbidden_engine" || true); do
        say "engine object $(basename "$o") refers to '$sym' (the engine neither prints, exits nor uses the program's libraries)"
    done
done

xlsx='^(lxw_.*|workbook_.*|worksheet_.*|chartsheet_.*|chart_.*|format_.*|new_workbook.*)$'
yaml='^yaml_.*$'
unzip='^(unz[A-Z].*|XML_.*)$'
zipside='^zip(Open|Close|Write)[A-Za-z0-9_]*$'
nettle='^nettle_.*$'
deflate='^libdeflate_.*$'
csv='^csv_(init|parse|fini|free|error|strerror|write|fwrite|write2|fwrite2|set_.*|get_.*)$'
for o in "$build"/src/*.o; do
    b=$(basename "$o" .o)
    syms=$(undef "$o")
    case $b in xlsx_*) ;; *)
        for sym in $(echo "$syms" | grep -E "$xlsx" || true); do
            say "$b.o refers to libxlsxwriter's '$sym' (only the xlsx_*.c writers may)"
        done ;;
    esac
    case $b in yaml_tree|write_yaml) ;; *)
        for sym in $(echo "$syms" | grep -E "$yaml" || true); do
            say "$b.o refers to libyaml's '$sym' (only yaml_tree.c and write_yaml.c may)"
        done ;;
    esac
    case $b in read_xlsx*) ;; *)
        for sym in $(echo "$syms" | grep -E "$unzip" || true); do
            say "$b.o refers to '$sym' (only the workbook reader, read_xlsx*.c, may use minizip's unzip side and expat)"
        done ;;
    esac
    case $b in xlsx_zip_*) ;; *)
        for sym in $(echo "$syms" | grep -E "$zipside" || true); do
            say "$b.o refers to minizip's '$sym' (only the zip step, xlsx_zip_*.c, may)"
        done ;;
    esac
    case $b in xlsx_zip_stream) ;; *)
        for sym in $(echo "$syms" | grep -E "$deflate" || true); do
            say "$b.o refers to libdeflate's '$sym' (only xlsx_zip_stream.c may)"
        done ;;
    esac
    case $b in batch_key) ;; *)
        for sym in $(echo "$syms" | grep -E "$nettle" || true); do
            say "$b.o refers to Nettle's '$sym' (only batch_key.c may)"
        done ;;
    esac
    case $b in csv_*|batch_record|report_diff) ;; *)
        for sym in $(echo "$syms" | grep -E "$csv" || true); do
            say "$b.o refers to libcsv's '$sym' (only the CSV reader and writers may)"
        done ;;
    esac
done
[ $bad = 0 ] && echo "check-boundary: engine and writers within their bounds"
exit $bad
