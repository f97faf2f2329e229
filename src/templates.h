/*
 * templates.h - the starter models `capex init` writes: commented, valid,
 * and runnable as they are.
 */
#ifndef CAPEX_TEMPLATES_H
#define CAPEX_TEMPLATES_H

typedef struct model_template {
    const char *name;          /**< "burn", "capex", "market" */
    const char *summary;       /**< one line, for --help */
    const char *text;          /**< the model; "@NAME@" and "@DATE@" are replaced */
    const char *run_options;   /**< what `next: capex run` adds ("" or " -n": a
                                    monthly model's workbook is not written yet) */
} model_template;

/** The templates, ending with {NULL}. */
extern const model_template model_templates[];

/** The template called name, or NULL. */
const model_template *model_template_find(const char *name);

#endif
