/* Name tables: the index of a name (include/qcity/names.h). */
#include <string.h>

#include "qcity/names.h"
#include "banned.h"

int qc_name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (names[i] && !strcmp(s, names[i]))
			return (int)i;
	return -1;
}
