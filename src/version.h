#ifndef CAPEX_VERSION_H
#define CAPEX_VERSION_H
#define CAPEX_VERSION "0.1.0"
#endif
