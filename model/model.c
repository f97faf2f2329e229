/*
 * model.c - building and freeing a model, looking things up in it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"

/* The string pool: one allocation per string, freed together. */
struct cx_pool_item {
    struct cx_pool_item *next;
    char text[];
};

struct cx_pool {
    struct cx_pool_item *head;
};

static void _pool_free(struct cx_pool *pool)
{
    if (!pool)
        return;
    for (struct cx_pool_item *it = pool->head, *next; it; it = next) {
        next = it->next;
        free(it);
    }
    free(pool);
}

cx_status cx_model_new(int first_year, int last_year, cx_model **out)
{
    cx_calendar cal;
    if (!out)
        return CX_EINVAL;
    *out = NULL;
    if (first_year < CX_MIN_YEAR || last_year > CX_MAX_YEAR
        || first_year > last_year || last_year - first_year + 1 > CX_MAX_YEARS
        || cx_calendar_years(&cal, first_year, last_year, 12) != CX_PERIOD_OK)
        return CX_EINVAL;
    return cx_model_new_calendar(&cal, out);
}

static int _calendar_valid(const cx_calendar *cal)
{
    if (cal->n < 1 || cal->n > CX_MAX_PERIODS || cal->fy_end < 1 || cal->fy_end > 12)
        return 0;
    if (cal->per_year != 1 && cal->per_year != 4 && cal->per_year != 12)
        return 0;
    return cal->per_year != 1 || cal->n <= CX_MAX_YEARS;
}

cx_status cx_model_new_calendar(const cx_calendar *cal, cx_model **out)
{
    if (!out || !cal || !_calendar_valid(cal))
        return CX_EINVAL;
    *out = NULL;
    cx_model *m = calloc(1, sizeof *m);
    if (!m)
        return CX_ENOMEM;
    m->pool = calloc(1, sizeof *m->pool);
    if (!m->pool) {
        free(m);
        return CX_ENOMEM;
    }
    m->cal = *cal;
    m->first_year = cx_period_number(cal, 0);
    m->last_year = cx_period_number(cal, cal->n - 1);
    m->nyears = (size_t)cal->n;
    m->burn.net = m->burn.revenue = m->burn.costs = CX_NO_INDEX;
    m->discount.series = CX_NO_INDEX;
    *out = m;
    return CX_OK;
}

static void _free_series(cx_series *s)
{
    free(s->parts);
    free(s->stated);
    free(s->checked);
    cx_formula_release(&s->formula);
    cx_driver_release(&s->driver);
}

static void _free_scenario(cx_scenario *s)
{
    for (size_t i = 0; i < s->noverrides; i++)
        cx_driver_release(&s->overrides[i].driver);
    free(s->overrides);
    free(s->dep_overrides);
}

void cx_model_free(cx_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nseries; i++)
        _free_series(&m->series[i]);
    for (size_t i = 0; i < m->nscenarios; i++)
        _free_scenario(&m->scenarios[i]);
    for (size_t i = 0; i < m->ncommitments; i++)
        free(m->commitments[i].schedule);
    free(m->series);
    free(m->depreciations);
    free(m->constants);
    free(m->scenarios);
    free(m->commitments);
    free(m->checks);
    free(m->goals);
    cx_sensitivity_spec_free(m->sensitivity);
    cx_uncertainty_free(m->uncertainty);
    free(m->burn.raises);
    _pool_free(m->pool);
    free(m);
}

cx_status cx_model_strdup(cx_model *m, const char *s, const char **out)
{
    if (!m || !m->pool || !out)
        return CX_EINVAL;
    *out = NULL;
    if (!s)
        return CX_OK;
    size_t len = strlen(s);
    struct cx_pool_item *it = malloc(sizeof *it + len + 1);
    if (!it)
        return CX_ENOMEM;
    memcpy(it->text, s, len + 1);
    it->next = m->pool->head;
    m->pool->head = it;
    *out = it->text;
    return CX_OK;
}

/* Grow *array of *n items of size `size` by one zeroed item. */
static cx_status _append(void **array, size_t *n, size_t size, void **item)
{
    if (*n >= ((size_t)-1) / size - 1)
        return CX_ENOMEM;
    char *grown = realloc(*array, (*n + 1) * size);
    if (!grown)
        return CX_ENOMEM;
    *array = grown;
    *item = grown + *n * size;
    memset(*item, 0, size);
    (*n)++;
    return CX_OK;
}

cx_status cx_model_add_series(cx_model *m, const char *name, size_t *index)
{
    if (!m || !name || !index || cx_model_find_series(m, name) != CX_NO_INDEX)
        return CX_EINVAL;
    const char *copy;
    cx_status st = cx_model_strdup(m, name, &copy);
    if (st != CX_OK)
        return st;
    cx_value *stated = calloc(m->nyears, sizeof *stated);
    if (!stated)
        return CX_ENOMEM;
    void *item;
    st = _append((void **)&m->series, &m->nseries, sizeof *m->series, &item);
    if (st != CX_OK) {
        free(stated);
        return st;
    }
    cx_series *s = item;
    s->name = copy;
    s->stated = stated;
    s->driver.method = CX_D_NONE;
    *index = m->nseries - 1;
    return CX_OK;
}

cx_status cx_model_add_constant(cx_model *m, cx_constant **out)
{
    if (!m || !out)
        return CX_EINVAL;
    return _append((void **)&m->constants, &m->nconstants,
                   sizeof *m->constants, (void **)out);
}

cx_status cx_model_add_scenario(cx_model *m, const char *name, cx_scenario **out)
{
    if (!m || !name || !out || cx_model_find_scenario(m, name) != CX_NO_INDEX)
        return CX_EINVAL;
    const char *copy;
    cx_status st = cx_model_strdup(m, name, &copy);
    if (st == CX_OK)
        st = _append((void **)&m->scenarios, &m->nscenarios,
                     sizeof *m->scenarios, (void **)out);
    if (st == CX_OK)
        (*out)->name = copy;
    return st;
}

cx_status cx_scenario_add_override(cx_scenario *s, size_t series,
                                   const cx_driver *driver)
{
    if (!s || !driver || series == CX_NO_INDEX)
        return CX_EINVAL;
    cx_driver copy;
    cx_status st = cx_driver_copy(&copy, driver);
    if (st != CX_OK)
        return st;
    for (size_t i = 0; s->noverrides && series <= s->ov_max && i < s->noverrides; i++) {
        if (s->overrides[i].series == series) {
            cx_driver_release(&s->overrides[i].driver);
            s->overrides[i].driver = copy;
            return CX_OK;
        }
    }
    void *item;
    st = _append((void **)&s->overrides, &s->noverrides, sizeof *s->overrides,
                 &item);
    if (st != CX_OK) {
        cx_driver_release(&copy);
        return st;
    }
    cx_override *o = item;
    o->series = series;
    o->driver = copy;
    if (s->noverrides == 1 || series > s->ov_max)
        s->ov_max = series;
    return CX_OK;
}

static const char *const _dep_suffix[CX_DEP_PARTS] = {
    "", ".gross", ".net", ".accumulated"
};

/* The four series of a depreciation entry; none may exist yet. */
static cx_status _dep_series(cx_model *m, const char *name, size_t dep, size_t *idx)
{
    char buf[512];
    for (int p = 0; p < CX_DEP_PARTS; p++) {
        if ((size_t)snprintf(buf, sizeof buf, "%s%s", name, _dep_suffix[p]) >= sizeof buf
            || cx_model_find_series(m, buf) != CX_NO_INDEX)
            return CX_EINVAL;
    }
    for (int p = 0; p < CX_DEP_PARTS; p++) {
        snprintf(buf, sizeof buf, "%s%s", name, _dep_suffix[p]);
        cx_status st = cx_model_add_series(m, buf, &idx[p]);
        if (st != CX_OK)
            return st;
        m->series[idx[p]].kind = CX_S_DEPRECIATION;
        m->series[idx[p]].dep = dep;
        m->series[idx[p]].dep_part = (cx_dep_part)p;
        /* D&A is a flow; gross, net and accumulated PP&E are balances */
        m->series[idx[p]].flow = p == CX_DEP_EXPENSE ? CX_FLOW : CX_BALANCE;
    }
    return CX_OK;
}

cx_status cx_model_add_depreciation(cx_model *m, const char *name, cx_depreciation **out)
{
    if (!m || !name || !out)
        return CX_EINVAL;
    size_t idx[CX_DEP_PARTS];
    const char *copy;
    cx_status st = cx_model_strdup(m, name, &copy);
    if (st == CX_OK)
        st = _dep_series(m, name, m->ndepreciations, idx);
    void *item = NULL;
    if (st == CX_OK)
        st = _append((void **)&m->depreciations, &m->ndepreciations,
                     sizeof *m->depreciations, &item);
    if (st != CX_OK)
        return st;
    cx_depreciation *d = item;
    d->name = copy;
    d->capex = CX_NO_INDEX;
    memcpy(d->series, idx, sizeof idx);
    d->rule.db_factor = NAN;
    d->share_of_capex = NAN;
    *out = d;
    return CX_OK;
}

cx_status cx_scenario_add_dep_override(cx_scenario *s, size_t dep, const cx_dep_rule *rule)
{
    if (!s || !rule)
        return CX_EINVAL;
    for (size_t i = 0; i < s->ndep_overrides; i++)
        if (s->dep_overrides[i].dep == dep) {
            s->dep_overrides[i].rule = *rule;
            return CX_OK;
        }
    void *item;
    cx_status st = _append((void **)&s->dep_overrides, &s->ndep_overrides,
                           sizeof *s->dep_overrides, &item);
    if (st == CX_OK)
        *(cx_dep_override *)item = (cx_dep_override){.dep = dep, .rule = *rule};
    return st;
}

const cx_dep_rule *cx_model_dep_rule(const cx_model *m, const cx_scenario *sc, size_t dep)
{
    for (size_t i = 0; sc && i < sc->ndep_overrides; i++)
        if (sc->dep_overrides[i].dep == dep)
            return &sc->dep_overrides[i].rule;
    return &m->depreciations[dep].rule;
}

cx_status cx_model_add_commitment(cx_model *m, cx_commitment **out)
{
    if (!m || !out)
        return CX_EINVAL;
    return _append((void **)&m->commitments, &m->ncommitments,
                   sizeof *m->commitments, (void **)out);
}

cx_status cx_model_add_check(cx_model *m, cx_check **out)
{
    if (!m || !out)
        return CX_EINVAL;
    cx_status st = _append((void **)&m->checks, &m->nchecks,
                           sizeof *m->checks, (void **)out);
    if (st == CX_OK)
        (*out)->tolerance = NAN;
    return st;
}

cx_status cx_model_add_goal(cx_model *m, cx_goal **out)
{
    if (!m || !out)
        return CX_EINVAL;
    cx_status st = _append((void **)&m->goals, &m->ngoals, sizeof *m->goals,
                           (void **)out);
    if (st == CX_OK)
        (*out)->cap = NAN;
    return st;
}

cx_status cx_model_add_raise(cx_model *m, cx_raise **out)
{
    if (!m || !out)
        return CX_EINVAL;
    return _append((void **)&m->burn.raises, &m->burn.nraises,
                   sizeof *m->burn.raises, (void **)out);
}

cx_status cx_series_set_parts(cx_series *s, const size_t *parts, size_t n)
{
    if (!s || (n > 0 && !parts))
        return CX_EINVAL;
    size_t *copy = NULL;
    if (n > 0) {
        copy = malloc(n * sizeof *copy);
        if (!copy)
            return CX_ENOMEM;
        memcpy(copy, parts, n * sizeof *copy);
    }
    free(s->parts);
    s->parts = copy;
    s->nparts = n;
    s->kind = CX_S_SUM;
    return CX_OK;
}

size_t cx_model_find_series(const cx_model *m, const char *name)
{
    if (!m || !name)
        return CX_NO_INDEX;
    for (size_t i = 0; i < m->nseries; i++)
        if (m->series[i].name && !strcmp(m->series[i].name, name))
            return i;
    return CX_NO_INDEX;
}

size_t cx_model_find_scenario(const cx_model *m, const char *name)
{
    if (!m || !name)
        return CX_NO_INDEX;
    for (size_t i = 0; i < m->nscenarios; i++)
        if (m->scenarios[i].name && !strcmp(m->scenarios[i].name, name))
            return i;
    return CX_NO_INDEX;
}

int cx_model_year_index(const cx_model *m, int year)
{
    if (!m || year < m->first_year || year > m->last_year)
        return -1;
    return year - m->first_year;
}

static const char *const _suffixes[] = {"", "K", "M", "B", "T"};
static const double _factors[] = {1, 1e3, 1e6, 1e9, 1e12};

const char *cx_scale_suffix(cx_scale s)
{
    if ((unsigned)s >= sizeof _suffixes / sizeof _suffixes[0])
        return "";
    return _suffixes[s];
}

double cx_scale_factor(cx_scale s)
{
    if ((unsigned)s >= sizeof _factors / sizeof _factors[0])
        return 1;
    return _factors[s];
}

void cx_series_metric(const cx_series *s, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    if (!s || !s->name)
        return;
    const char *dot = strchr(s->name, '.');
    size_t len = dot ? (size_t)(dot - s->name) : strlen(s->name);
    if (len >= size)
        len = size - 1;
    memcpy(buf, s->name, len);
    buf[len] = '\0';
}

const char *cx_model_period_title(const cx_model *m, int p, char *buf)
{
    if (m->cal.per_year == 1)
        snprintf(buf, CX_PERIOD_KEY_MAX, "%d", p);
    else
        cx_period_number_title(&m->cal, p, buf, CX_PERIOD_KEY_MAX);
    return buf;
}
